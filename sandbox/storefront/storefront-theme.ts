import { CATALOG, formatPrice } from "./catalog.js";
import { escapeHtml } from "./shopify-liquid.js";

/**
 * The sandbox's stand-in theme: a home page with product cards and a product page shaped like Dawn's
 * (media, then title, price, a `/cart/add` product form with variant and quantity pickers, description),
 * plus a sticky "Add to cart" bar that slides in once the form's button has scrolled out of view, as many
 * themes do. It exists so browser checks and Lighthouse see the bubble next to what real themes put in
 * the same corner. No subresources: nothing here makes a request.
 */

export type StorefrontTemplate = "index" | "product";

const shirt = CATALOG[0]!;
/** The product page shows the catalog's first product (what demo orders are made of). */
export const SANDBOX_PRODUCT = {
  handle: shirt.handle,
  title: shirt.title,
  price: formatPrice(shirt.price),
  variantId: "44000000000001",
  sizes: ["S", "M", "L", "XL"],
} as const;

export const PRODUCT_PATH = `/products/${SANDBOX_PRODUCT.handle}`;

export const THEME_CSS = `
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#222}
header,main,footer{padding:16px 24px}
header{display:flex;justify-content:space-between;gap:12px;border-bottom:1px solid #ddd}
.products{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:16px}
.card{display:block;border:1px solid #eee;border-radius:8px;padding:12px;min-height:180px;color:inherit}
.product{display:grid;gap:24px}
.product__media{aspect-ratio:1;border-radius:8px;background:linear-gradient(135deg,#e8e1d5,#c9bba4)}
.product__info h1{margin:0 0 4px;font-size:28px;line-height:1.2}
.price{margin:0 0 16px;font-size:18px}
.product-form{display:grid;gap:12px}
.product-form fieldset{display:flex;gap:8px;margin:0;padding:0;border:0}
.product-form legend{margin-bottom:6px}
.product-form .size{padding:8px 14px;border:1px solid #222;border-radius:20px}
.product-form input[type=number]{display:block;width:96px;padding:8px;font:inherit}
.button{display:block;width:100%;padding:14px;border:1px solid #222;border-radius:4px;background:#222;color:#fff;font:inherit;cursor:pointer}
.button--secondary{background:#fff;color:#222}
.sticky-atc{position:fixed;left:0;right:0;bottom:0;z-index:3;display:flex;align-items:center;justify-content:space-between;gap:12px;padding:12px 16px calc(12px + env(safe-area-inset-bottom,0px));background:#fff;border-top:1px solid #ddd;box-shadow:0 -2px 8px rgba(0,0,0,.08);transform:translateY(110%);visibility:hidden;transition:transform .25s,visibility .25s}
.sticky-atc.is-visible{transform:none;visibility:visible}
.sticky-atc .button{width:auto;padding:10px 20px}
@media (min-width:750px){.product{grid-template-columns:1fr 1fr;align-items:start}}
@media (prefers-reduced-motion:reduce){.sticky-atc{transition:none}}
`;

const DESCRIPTION = [
  "Cut from washed European linen that softens with every wear, this shirt keeps you cool on warm days and layers easily when the evening turns.",
  "Relaxed fit with a straight hem, mother-of-pearl buttons and a single chest pocket. Machine wash cold, tumble dry low, and iron while slightly damp.",
  "Free shipping on orders over €60. Returns within 30 days of delivery: send it back unworn with its tags and we refund the full price.",
  "Our linen is grown and woven in Lithuania and sewn in Portugal by a family workshop we have worked with since the first collection.",
];

const RELATED = CATALOG.slice(1).map((p) => `${p.title} ${formatPrice(p.price)}`);

function productMain(): string {
  const p = SANDBOX_PRODUCT;
  const sizes = p.sizes
    .map(
      (s, i) =>
        `<label class="size"><input type="radio" name="options[Size]" value="${s}"${i === 1 ? " checked" : ""}> ${s}</label>`,
    )
    .join("");
  return `<div class="product">
<div class="product__media" role="img" aria-label="${escapeHtml(p.title)}, front view"></div>
<div class="product__info">
<h1>${escapeHtml(p.title)}</h1>
<p class="price">${escapeHtml(p.price)}</p>
<form method="post" action="/cart/add" id="product-form" class="product-form" data-type="add-to-cart-form" data-product-form>
<input type="hidden" name="id" value="${p.variantId}">
<fieldset><legend>Size</legend>${sizes}</fieldset>
<label>Quantity <input type="number" name="quantity" value="1" min="1"></label>
<button type="submit" name="add" class="button" data-product-add>Add to cart</button>
<button type="button" class="button button--secondary">Buy it now</button>
</form>
<div class="product__description">${DESCRIPTION.map((d) => `<p>${escapeHtml(d)}</p>`).join("")}</div>
</div>
</div>
<h2>You may also like</h2>
<div class="products">${RELATED.map((r) => `<div class="card">${escapeHtml(r)}</div>`).join("")}</div>`;
}

function indexMain(): string {
  return `<h1>Spring collection</h1>
<p>This is the sandbox storefront. The Messenger bubble below is the real theme app extension block.</p>
<div class="products">
${CATALOG.map((p, i) => {
  const tag = i === 0 ? `a class="card" href="${PRODUCT_PATH}"` : `div class="card"`;
  return `<${tag}>${escapeHtml(p.title)}<br>${escapeHtml(formatPrice(p.price))}</${i === 0 ? "a" : "div"}>`;
}).join("\n")}
</div>`;
}

/** The sticky bar and the theme script that reveals it once the form's own button is out of view. */
function stickyAddToCart(): string {
  const p = SANDBOX_PRODUCT;
  return `<div class="sticky-atc" data-sticky-atc>
<span>${escapeHtml(p.title)} · ${escapeHtml(p.price)}</span>
<button type="submit" form="product-form" name="add" class="button">Add to cart</button>
</div>
<script>
(function () {
  var add = document.querySelector("[data-product-add]");
  var bar = document.querySelector("[data-sticky-atc]");
  if (!add || !bar || !("IntersectionObserver" in window)) return;
  new IntersectionObserver(function (entries) {
    bar.classList.toggle("is-visible", !entries[0].isIntersecting && entries[0].boundingClientRect.top < 0);
  }).observe(add);
})();
</script>`;
}

export function themeMain(template: StorefrontTemplate): string {
  return template === "product" ? productMain() : indexMain();
}

/** What the theme puts at the end of <body> before app embeds (Shopify renders `target: body` embeds last). */
export function themeBodyEnd(template: StorefrontTemplate): string {
  return template === "product" ? stickyAddToCart() : "";
}
