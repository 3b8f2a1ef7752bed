// Clicks and drags on a Streamlit Plotly chart, reported to Python in data coordinates.
//
// Plotly reports clicks on points only; the playground also needs clicks on empty space (to add a point) and
// drags (to move one). This component draws nothing: it listens to pointer events on the plotting area of
// the chart whose element key is data.target (Plotly's ".nsewdrag" rectangle covers exactly that area) and
// turns the pointer's position into data coordinates from that box and the chart's fixed axis ranges.
// It sends {kind: "click", x, y, ux, uy} or {kind: "drag", x0, y0, x, y, ux, uy} as the trigger "event";
// ux and uy are data units per screen pixel, so Python can tell whether the pointer was on a marker.
//
// Streamlit calls this function again whenever data changes, without unmounting: the listeners are installed
// once per instance and read the newest data from `live`.

const live = new Map();

function toData(rect, d, clientX, clientY) {
  const [x0, x1] = d.x_range;
  const [y0, y1] = d.y_range;
  return {
    x: x0 + ((clientX - rect.left) / rect.width) * (x1 - x0),
    y: y1 - ((clientY - rect.top) / rect.height) * (y1 - y0),
    ux: (x1 - x0) / rect.width,
    uy: (y1 - y0) / rect.height,
  };
}

function ghostAt(ghost, clientX, clientY) {
  const g = ghost || document.createElement("div");
  if (!ghost) {
    g.setAttribute("data-testid", "playgroundDragGhost");
    Object.assign(g.style, {
      position: "fixed", width: "16px", height: "16px", margin: "-10px 0 0 -10px", borderRadius: "50%",
      border: "2px dashed #000", pointerEvents: "none", zIndex: "1000",
    });
    document.body.appendChild(g);
  }
  g.style.left = `${clientX}px`;
  g.style.top = `${clientY}px`;
  return g;
}

export default function (component) {
  const { data, key, setTriggerValue } = component;
  const known = live.has(key);
  live.set(key, { data, setTriggerValue });
  if (known) return undefined;

  let press = null; // {rect, clientX, clientY, dragging, ghost}
  const onDown = (ev) => {
    const me = live.get(key);
    const area = ev.target;
    if (!me || ev.button !== 0 || !area.classList || !area.classList.contains("nsewdrag")) return;
    if (!area.closest(`.st-key-${me.data.target}`)) return;
    press = { rect: area.getBoundingClientRect(), clientX: ev.clientX, clientY: ev.clientY, dragging: false };
  };
  const onMove = (ev) => {
    const me = live.get(key);
    if (!press || !me) return;
    const moved = Math.hypot(ev.clientX - press.clientX, ev.clientY - press.clientY);
    if (!press.dragging && moved >= me.data.drag_px && me.data.mode === "edit") press.dragging = true;
    if (press.dragging) press.ghost = ghostAt(press.ghost, ev.clientX, ev.clientY);
  };
  const onUp = (ev) => {
    const me = live.get(key);
    const p = press;
    press = null;
    if (!p || !me) return;
    if (p.ghost) p.ghost.remove();
    const end = toData(p.rect, me.data, ev.clientX, ev.clientY);
    if (p.dragging) {
      const start = toData(p.rect, me.data, p.clientX, p.clientY);
      me.setTriggerValue("event", { kind: "drag", x0: start.x, y0: start.y, ...end });
    } else {
      me.setTriggerValue("event", { kind: "click", ...toData(p.rect, me.data, p.clientX, p.clientY) });
    }
  };
  const onCancel = () => {
    if (press && press.ghost) press.ghost.remove();
    press = null;
  };
  document.addEventListener("pointerdown", onDown, true);
  document.addEventListener("pointermove", onMove, true);
  document.addEventListener("pointerup", onUp, true);
  document.addEventListener("pointercancel", onCancel, true);
  return () => {
    onCancel();
    document.removeEventListener("pointerdown", onDown, true);
    document.removeEventListener("pointermove", onMove, true);
    document.removeEventListener("pointerup", onUp, true);
    document.removeEventListener("pointercancel", onCancel, true);
    live.delete(key);
  };
}
