import type { LocaleWording } from "./types.js";

export const ptBR: LocaleWording = {
  messages: {
    confirmed:
      "Olá {{first_name}}, obrigado pelo seu pedido {{order_name}} na loja {{shop_name}}. Já o recebemos e avisaremos por aqui quando ele for enviado.\nTotal: {{total}}",
    shipped:
      "Olá {{first_name}}, seu pedido {{order_name}} foi enviado.\nTransportadora: {{carrier}}\nCódigo de rastreio: {{tracking_number}}",
    ready_for_pickup: "Olá {{first_name}}, seu pedido {{order_name}} está pronto para retirada.",
    in_transit: "Seu pedido {{order_name}} está a caminho.\nPrevisão de entrega: {{delivery_date}}",
    out_for_delivery: "Seu pedido {{order_name}} saiu para entrega e deve chegar hoje.",
    attempted_delivery:
      "A transportadora tentou entregar seu pedido {{order_name}}, mas não conseguiu. Confira o rastreio para saber os próximos passos.",
    delayed:
      "Seu pedido {{order_name}} está atrasado. Pedimos desculpas pela espera.\nPrevisão de entrega: {{delivery_date}}",
    failure:
      "Houve um problema na entrega do seu pedido {{order_name}}. Confira o rastreio ou responda a esta mensagem que vamos ajudar.",
    delivered: "Seu pedido {{order_name}} foi entregue. Obrigado por comprar na loja {{shop_name}}.",
    cancelled:
      "Olá {{first_name}}, seu pedido {{order_name}} foi cancelado. Se tiver alguma dúvida, é só responder a esta mensagem.",
    refunded:
      "Olá {{first_name}}, emitimos um reembolso referente ao seu pedido {{order_name}}.\nValor: {{refund_amount}}\nPode levar alguns dias úteis para aparecer na sua fatura.",
  },
  buttons: { track: "Rastrear envio", trackNumbered: "Rastrear envio #", viewOrder: "Ver pedido" },
  detailsLabel: "Detalhes:",
};
