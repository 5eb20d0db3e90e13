import type { OrderEvent } from "../../order-event.js";

export interface LocaleWording {
  messages: Record<OrderEvent, string>;
  /** Button titles: at most 20 characters each (Messenger button limit). `#` stands for the parcel number. */
  buttons: { track: string; trackNumbered: string; viewOrder: string };
  /** Label before the link in utility templates sent outside the 24 h window. */
  detailsLabel: string;
}
