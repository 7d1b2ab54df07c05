"""WCAG contrast of what a reader sees, measured in the page: for a test's `locator.evaluate`."""

from typing import Final

# The element's text colour (its opacity laid over what is behind it) against its background:
# the backgrounds from the element up to the first opaque one (or the white canvas), each laid
# over the one below (Material's footer is 87% black over the page's white).
CONTRAST: Final = """(el) => {
  const rgba = (c) => { const v = c.match(/[\\d.]+/g).map(Number); return [...v.slice(0, 3), v[3] ?? 1]; };
  const over = (top, below) => top.slice(0, 3).map((v, i) => top[3] * v + (1 - top[3]) * below[i]);
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] === 1) break;
  }
  let back = [255, 255, 255];
  for (const layer of layers.reverse()) back = over(layer, back);
  const laid = over(rgba(getComputedStyle(el).color), back);
  const lum = (rgb) => { const [r, g, b] = rgb.map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [a, b] = [lum(laid), lum(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""
