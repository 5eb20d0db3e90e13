import QRCode from "qrcode";

/**
 * QR codes for m.me links (Messenger's own QR codes are m.me links too). Error correction "M" survives
 * print smudges on packaging while keeping the code small; a 4-module quiet zone is what scanners expect.
 */
export type QrFormat = "svg" | "png";

export const QR_CONTENT_TYPES: Record<QrFormat, string> = { svg: "image/svg+xml", png: "image/png" };

export async function renderQr(url: string, format: QrFormat, sizePx = 512): Promise<Buffer> {
  const options = { errorCorrectionLevel: "M" as const, margin: 4, width: sizePx };
  if (format === "svg") return Buffer.from(await QRCode.toString(url, { ...options, type: "svg" }), "utf8");
  return QRCode.toBuffer(url, { ...options, type: "png" });
}
