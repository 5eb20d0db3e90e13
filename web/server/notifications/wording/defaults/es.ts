import type { LocaleWording } from "./types.js";

export const es: LocaleWording = {
  messages: {
    confirmed:
      "Hola {{first_name}}, gracias por tu pedido {{order_name}} en {{shop_name}}. Lo hemos recibido y te avisaremos por aquí cuando se envíe.\nTotal: {{total}}",
    shipped:
      "Hola {{first_name}}, tu pedido {{order_name}} ya está enviado.\nTransportista: {{carrier}}\nNúmero de seguimiento: {{tracking_number}}",
    ready_for_pickup: "Hola {{first_name}}, tu pedido {{order_name}} ya está listo para recoger.",
    in_transit: "Tu pedido {{order_name}} está en camino.\nEntrega prevista: {{delivery_date}}",
    out_for_delivery: "Tu pedido {{order_name}} está en reparto y debería llegar hoy.",
    attempted_delivery:
      "El transportista intentó entregar tu pedido {{order_name}}, pero no fue posible. Consulta el seguimiento para ver los próximos pasos.",
    delayed: "Tu pedido {{order_name}} lleva retraso. Sentimos la espera.\nEntrega prevista: {{delivery_date}}",
    failure:
      "Hay un problema con la entrega de tu pedido {{order_name}}. Consulta el seguimiento o responde a este mensaje y te ayudaremos.",
    delivered: "Tu pedido {{order_name}} ha sido entregado. Gracias por comprar en {{shop_name}}.",
    cancelled:
      "Hola {{first_name}}, tu pedido {{order_name}} ha sido cancelado. Si tienes alguna pregunta, responde a este mensaje.",
    refunded:
      "Hola {{first_name}}, hemos emitido un reembolso de tu pedido {{order_name}}.\nImporte: {{refund_amount}}\nPuede tardar unos días hábiles en aparecer en tu extracto.",
  },
  buttons: { track: "Seguir envío", trackNumbered: "Seguir envío #", viewOrder: "Ver pedido" },
  detailsLabel: "Detalles:",
};
