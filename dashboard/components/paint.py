"""Bokeh 3.9 makes the browser recompute the page's style on every paint; this page
spares it two ways.

**Colours and font sizes read once.**
BokehJS lets ``--bk-*`` CSS variables override a visual's colour, so each paint of an
axis, a grid or a legend calls ``getComputedStyle(...).getPropertyValue('--bk-...')``
(bokeh/bokeh#15286; a cache is merged upstream, not yet released), and each plot reads
its font size the same way. After a change to the page, each such read makes the browser
recompute the style of the whole page, once per chart: in a CPU profile of a filter
change on the built-in store, a quarter of the browser's time. No stylesheet of this
page, Panel's or Bokeh's defines a ``--bk-*`` variable, so the answer is the same for
every element and never changes: the first read of each name is kept, and each plot's
font size once it is on the page (the theme is chosen when the page loads). Installed
when the document is ready, so filter changes gain, not the first paint.

**A stylesheet rewritten only when its text changes.** Each view keeps its position and
size in an inline stylesheet of its shadow root, and BokehJS writes it anew on each
layout and paint (a legend, on each paint), whether or not the text changed. Writing a
``<style>``'s text makes the browser parse it and recompute the style of the page even
when the text is the same: 146 such writes per filter change on the built-in store.
They are skipped: the whole page showed a change after 411 ms instead of 478 (median of
18 changes each, alternately).

Without the internals these patch (another Bokeh version), nothing is changed.
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

SAME_TEXT_UNWRITTEN = """
let dom = null;
try { dom = Bokeh.require('core/dom'); } catch (error) { return; }
const sheet = dom && dom.InlineStyleSheet && dom.InlineStyleSheet.prototype;
if (!sheet || typeof sheet._update !== 'function' || sheet._dialogues_same_text) return;
const write = sheet._update;
sheet._update = function (css) {
  if (this.el.textContent !== css) write.call(this, css);
};
sheet._dialogues_same_text = true;
"""


def spare_style_recalculations(doc: Document | None) -> None:
    """Install both patches in the page of ``doc`` when it is ready."""
    if doc is not None:
        doc.js_on_event("document_ready", CustomJS(code=READ_ONCE))
        doc.js_on_event("document_ready", CustomJS(code=SAME_TEXT_UNWRITTEN))
