"""Bokeh 3.9 reads chart colours and font sizes through the CSS cascade on every paint;
this page reads them once.

BokehJS lets ``--bk-*`` CSS variables override a visual's colour, so each paint of an
axis, a grid or a legend calls ``getComputedStyle(...).getPropertyValue('--bk-...')``
(bokeh/bokeh#15286; a cache is merged upstream, not yet released), and each plot reads
its font size the same way. After a change to the page, each such read makes the browser
recompute the style of the whole page, once per chart: in a CPU profile of a filter
change on the built-in store, a quarter of the browser's time. No stylesheet of this
page, Panel's or Bokeh's defines a ``--bk-*`` variable, so the answer is the same for
every element and never changes: the first read of each name is kept, and each plot's
font size once it is on the page (the theme is chosen when the page loads). Installed
when the document is ready, so filter changes gain, not the first paint. Without the
internals it patches (another Bokeh version), nothing is changed.
"""

from __future__ import annotations

from bokeh.document import Document
from bokeh.models import CustomJS

READ_ONCE = """
let visual = null;
try { visual = Bokeh.require('core/visuals/visual'); } catch (error) { return; }
const proto = visual && visual.VisualProperties && visual.VisualProperties.prototype;
if (!proto || typeof proto._get_css_value !== 'function' || proto._dialogues_read_once) return;
const read = proto._get_css_value;
const known = new Map();
proto._get_css_value = function (name) {
  const key = `${this.css_prefix}${name}`;
  let value = known.get(key);
  if (value === undefined) {
    value = read.call(this, name);
    known.set(key, value);
  }
  return value;
};
proto._dialogues_read_once = true;
// The same for each plot's font size (read to size its text), kept per plot.
let canvas = null;
try { canvas = Bokeh.require('models/plots/plot_canvas'); } catch (error) { return; }
const plot = canvas && canvas.PlotView && canvas.PlotView.prototype;
const size = plot && Object.getOwnPropertyDescriptor(plot, 'base_font_size');
if (!size || typeof size.get !== 'function') return;
const sizes = new WeakMap();
Object.defineProperty(plot, 'base_font_size', {
  configurable: true,
  get() {
    if (sizes.has(this)) return sizes.get(this);
    const value = size.get.call(this);
    if (value != null) sizes.set(this, value);  // null: not on the page yet, ask again
    return value;
  },
});
"""


def read_css_variables_once(doc: Document | None) -> None:
    """Install the once-per-name read in the page of ``doc`` when it is ready."""
    if doc is not None:
        doc.js_on_event("document_ready", CustomJS(code=READ_ONCE))
