package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingEvent.Item;
import com.posmodern.omnichannel.marketing.MarketingSignal;
import com.posmodern.omnichannel.pos.orders.Order;

/** Marketing moments the conversation and the order events report, built the same way. */
final class ConversationSignals {

  private ConversationSignals() {}

  /** A cart line as a marketing item: the menu item (and size), quantity and unit price. */
  static Item item(CartLine line) {
    return new Item(
        line.variantId() == null ? line.itemId() : line.itemId() + ":" + line.variantId(),
        line.description(),
        line.quantity(),
        line.unitPriceCents());
  }

  /**
   * An order's purchase, with {@code order-<code>} as its event id: the id a pixel on the
   * restaurant's web menu sends for the same order, so Meta counts it once.
   */
  static MarketingSignal purchase(Order order) {
    return new MarketingSignal(
        ConversationMoment.PURCHASED,
        new EventData(
            order.totalCents(),
            "BRL",
            order.items().stream()
                .map(
                    l ->
                        new Item(
                            l.variantId() == null ? l.itemId() : l.itemId() + ":" + l.variantId(),
                            l.variantName() == null ? l.name() : l.name() + " " + l.variantName(),
                            l.quantity(),
                            l.unitPriceCents()))
                .toList(),
            null,
            null,
            order.id()),
        "order-" + order.id());
  }
}
