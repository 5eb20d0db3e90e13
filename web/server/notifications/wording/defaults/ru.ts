import type { LocaleWording } from "./types.js";

export const ru: LocaleWording = {
  messages: {
    confirmed:
      "Здравствуйте, {{first_name}}! Спасибо за заказ {{order_name}} в магазине {{shop_name}}. Мы его получили и сообщим здесь, когда он будет отправлен.\nСумма: {{total}}",
    shipped:
      "Здравствуйте, {{first_name}}! Ваш заказ {{order_name}} отправлен.\nСлужба доставки: {{carrier}}\nТрек-номер: {{tracking_number}}",
    ready_for_pickup: "Здравствуйте, {{first_name}}! Ваш заказ {{order_name}} готов к выдаче.",
    in_transit: "Ваш заказ {{order_name}} в пути.\nОжидаемая дата доставки: {{delivery_date}}",
    out_for_delivery: "Ваш заказ {{order_name}} передан курьеру и должен прибыть сегодня.",
    attempted_delivery:
      "Курьер пытался доставить ваш заказ {{order_name}}, но не смог. Дальнейшие шаги смотрите на странице отслеживания.",
    delayed:
      "Доставка вашего заказа {{order_name}} задерживается. Приносим извинения за ожидание.\nОжидаемая дата доставки: {{delivery_date}}",
    failure:
      "С доставкой вашего заказа {{order_name}} возникла проблема. Проверьте статус на странице отслеживания или ответьте на это сообщение, и мы поможем.",
    delivered: "Ваш заказ {{order_name}} доставлен. Спасибо за покупку в магазине {{shop_name}}.",
    cancelled:
      "Здравствуйте, {{first_name}}! Ваш заказ {{order_name}} отменён. Если у вас есть вопросы, просто ответьте на это сообщение.",
    refunded:
      "Здравствуйте, {{first_name}}! Мы оформили возврат средств по заказу {{order_name}}.\nСумма: {{refund_amount}}\nДеньги могут поступить на ваш счёт в течение нескольких рабочих дней.",
  },
  buttons: { track: "Отследить посылку", trackNumbered: "Отследить посылку #", viewOrder: "Открыть заказ" },
  detailsLabel: "Подробнее:",
};
