# Writes the example files in tests/data/good and tests/data/bad (run from the project root).
# The renamed spreadsheet needs openpyxl, which the app itself does not use.
import numpy as np, pandas as pd, json
rng = np.random.default_rng(0)
bad = 'tests/data/bad/'; good = 'tests/data/good/'
def w(path, data):
    open(path, 'wb').write(data if isinstance(data, bytes) else data.encode('utf-8'))
w(bad+'empty.csv', b'')
w(bad+'whitespace_only.csv', b'  \n\n  \n')
w(bad+'header_only.csv', 'x1,x2,label\n')
df = pd.DataFrame({'x1': rng.normal(size=30).round(3), 'x2': rng.normal(size=30).round(3), 'label': ['a']*25+['b']*5})
df.to_excel('/tmp/s.xlsx', index=False); open(bad+'spreadsheet_renamed.csv','wb').write(open('/tmp/s.xlsx','rb').read())
w(bad+'json_records.csv', json.dumps(df.head(5).to_dict(orient='records')))
w(bad+'json_object.csv', json.dumps({'x1': [1, 2], 'label': ['a', 'b']}))
w(bad+'ragged_rows.csv', 'x1,x2,label\n1,2,a\n3,4,b\n5,6,7,a\n8,9,b\n')
w(bad+'single_class.csv', 'x1,x2,label\n' + ''.join(f'{i},{i*2},yes\n' for i in range(20)))
w(bad+'blank_labels.csv', 'x1,x2,label\n' + ''.join(f'{i},{i*2},\n' for i in range(20)))
w(bad+'continuous_label.csv', 'x1,x2,price\n' + ''.join(f'{i},{i%7},{rng.uniform(10,99):.2f}\n' for i in range(60)))
w(bad+'no_numeric_feature.csv', 'name,city,label\n' + ''.join(f'n{i},c{i%3},{"ab"[i%2]}\n' for i in range(20)))
w(bad+'one_column.csv', 'label\n' + ''.join(f'{"ab"[i%2]}\n' for i in range(20)))
w(bad+'too_many_rows.csv', 'x1,x2,label\n' + ''.join(f'{i},{i%5},{i%2}\n' for i in range(20_001)))
w(bad+'binary_noise.csv', bytes(rng.integers(0, 256, 4000, dtype=np.uint8)))
w(bad+'png_renamed.csv', b'\x89PNG\r\n\x1a\n' + bytes(rng.integers(0, 256, 500, dtype=np.uint8)))
w(bad+'html_page.csv', '<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>')
w(bad+'too_many_classes.csv', 'x1,x2,id\n' + ''.join(f'{i},{i%5},user{i}\n' for i in range(60)))
n = 60
x1 = rng.normal(size=n).round(3); x2 = rng.normal(size=n).round(3)
lab = np.where(np.arange(n) % 6 == 0, 'churn', 'stay')
base = pd.DataFrame({'x1': x1, 'x2': x2, 'label': lab})
w(good+'plain.csv', base.to_csv(index=False))
w(good+'utf8_bom.csv', '\ufeff' + base.to_csv(index=False))
w(good+'utf16.csv', base.to_csv(index=False).encode('utf-16'))
lat = base.rename(columns={'x1': 'température', 'x2': 'débit'})
w(good+'latin1_header.csv', lat.to_csv(index=False).encode('latin-1'))
w(good+'semicolon_decimal_comma.csv', base.to_csv(index=False, sep=';', decimal=','))
w(good+'tab_separated.csv', base.to_csv(index=False, sep='\t'))
money = pd.DataFrame({'balance': [f'{v:,.2f}' for v in rng.uniform(1000, 250000, n)], 'age': rng.integers(18, 80, n), 'label': lab})
w(good+'quoted_thousands.csv', money.to_csv(index=False))
qn = base.copy(); qn['note'] = ['line one\nline two' if i % 5 == 0 else 'plain' for i in range(n)]
w(good+'quoted_newlines.csv', qn[['x1', 'x2', 'note', 'label']].to_csv(index=False))
ws = base.copy(); ws['label'] = [f'  {v} ' if i % 3 == 0 else v for i, v in enumerate(lab)]
w(good+'label_whitespace.csv', ws.to_csv(index=False))
ints = pd.DataFrame({'a': rng.integers(0, 10, n), 'b': rng.integers(0, 10, n), 'label': (np.arange(n) % 5 == 0).astype(int)})
w(good+'integer_features.csv', ints.to_csv(index=False))
const = base.copy(); const.insert(2, 'flag', 1.0)
w(good+'constant_feature.csv', const.to_csv(index=False))
html = base.rename(columns={'x1': '<script>alert(1)</script>', 'x2': '<b>bold</b>'})
html['label'] = np.where(np.arange(n) % 6 == 0, '<img src=x onerror=alert(2)>', '**stay**')
w(good+'html_in_names.csv', html.to_csv(index=False))
miss = base.copy().astype(object); miss.loc[3, 'x1'] = ''; miss.loc[7, 'x2'] = 'NaN'; miss.loc[9, 'x1'] = 'inf'
w(good+'missing_values.csv', miss.to_csv(index=False))

# Real-world files that used to be refused (issue "Real-world files load again"), from their own random generator
# so that the files above do not change.
rw = np.random.default_rng(17)
n = 60
x1 = rw.normal(size=n).round(3); x2 = rw.normal(size=n).round(3)
lab = np.where(np.arange(n) % 6 == 0, 'churn', 'stay')
# plain.csv as an old Mac program saves it: each line ends with a carriage return alone.
w(good+'old_mac_line_endings.csv', open(good+'plain.csv', 'rb').read().replace(b'\n', b'\r'))
# A merge stopped on a conflict: git's markers around two versions of the rows.
ours = pd.DataFrame({'x1': x1[:30], 'x2': x2[:30], 'label': lab[:30]}).to_csv(index=False)
theirs = pd.DataFrame({'x1': x1, 'x2': x2, 'label': lab}).to_csv(index=False)
w(bad+'conflict_markers.csv', '<<<<<<< HEAD\n' + ours + '=======\n' + theirs + '>>>>>>> origin/cleanup\n')
# Incomes in dollars with quoted thousands separators ("19,090"): whole numbers, different in every row, in no
# order and of 5 and 6 digits: a measurement, not an identifier.
income = rw.choice(np.arange(12_000, 240_000), n, replace=False)
assert len(set(len(str(v)) for v in income)) > 1
money = pd.DataFrame({'age': rw.integers(18, 80, n), 'income': [f'{v:,}' for v in income], 'visits': rw.integers(0, 12, n), 'label': lab})
w(good+'income_thousands.csv', money.to_csv(index=False))
# The label column is blank in 91 of 92 rows (a notes column last, filled in once).
rows = 92
notes = pd.DataFrame({'x1': rw.normal(size=rows).round(3), 'x2': rw.normal(size=rows).round(3), 'note': [''] * 91 + ['more']})
w(bad+'nearly_blank_labels.csv', notes.to_csv(index=False))
