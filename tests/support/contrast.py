"""WCAG contrast of what a reader sees, measured in the page: for a test's `locator.evaluate`."""

from typing import Final

# The element's text colour (its opacity laid over what is behind it) against the first
# opaque background from the element up to the page's body.
CONTRAST: Final = """(el) => {
  const rgba = (c) => { const v = c.match(/[\\d.]+/g).map(Number); return [...v.slice(0, 3), v[3] ?? 1]; };
  let back = [255, 255, 255, 1];
  for (let node = el; node; node = node.parentElement) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour[3] === 1) { back = colour; break; }
  }
  const text = rgba(getComputedStyle(el).color);
  const laid = text.slice(0, 3).map((v, i) => text[3] * v + (1 - text[3]) * back[i]);
  const lum = (rgb) => { const [r, g, b] = rgb.map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [a, b] = [lum(laid), lum(back.slice(0, 3))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""
