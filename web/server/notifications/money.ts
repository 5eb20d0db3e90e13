/** Decimal amounts as strings, computed in integer minor units so no float rounding creeps in. */

function split(amount: string): { units: bigint; scale: number } {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new Error(`not a decimal amount: ${amount}`);
  const frac = match[3] ?? "";
  const units = BigInt(`${match[2]}${frac}`) * (match[1] ? -1n : 1n);
  return { units, scale: frac.length };
}

function join(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = scale ? digits.slice(0, -scale) : digits;
  const frac = scale ? `.${digits.slice(-scale)}` : "";
  return `${negative ? "-" : ""}${whole}${frac}`;
}

export function multiplyAmount(amount: string, quantity: number): string {
  const { units, scale } = split(amount);
  return join(units * BigInt(quantity), scale);
}

export function sumAmounts(amounts: string[], minScale = 2): string {
  const parts = amounts.map(split);
  const scale = Math.max(minScale, ...parts.map((p) => p.scale));
  const total = parts.reduce((acc, p) => acc + p.units * 10n ** BigInt(scale - p.scale), 0n);
  return join(total, scale);
}

export function isZeroAmount(amount: string | undefined): boolean {
  return amount === undefined || split(amount).units === 0n;
}

/** Meta's receipt wants numbers with "." and at most 2 decimals. */
export function toReceiptNumber(amount: string): number {
  return Math.round(Number(amount) * 100) / 100;
}
