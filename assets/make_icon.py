"""Draws assets/icon.png, the page icon: two minority triangles and the synthetic star between them.

Run from the project root: python assets/make_icon.py (needs Pillow, which Streamlit installs).
The icon ships as a file so the browser never fetches an icon font from the internet.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 64
BLUE, VERMILLION = (0, 114, 178), (213, 94, 0)

image = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
draw = ImageDraw.Draw(image)
for x, y in [(12, 44), (22, 52), (10, 56), (26, 40)]:
    draw.ellipse([x - 5, y - 5, x + 5, y + 5], fill=BLUE)
for x, y in [(36, 14), (54, 32)]:
    draw.polygon([(x, y - 7), (x - 7, y + 6), (x + 7, y + 6)], fill=VERMILLION)
draw.line([(36, 16), (54, 34)], fill=(0, 0, 0), width=2)
cx, cy, outer, inner = 45, 24, 9, 4
points = []
for i in range(10):
    r = outer if i % 2 == 0 else inner
    angle = -math.pi / 2 + i * math.pi / 5
    points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
draw.polygon(points, fill=VERMILLION, outline=(0, 0, 0))
image.save(Path(__file__).with_name("icon.png"))
