package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.pos.catalog.Menu;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the restaurant takes orders now (the menu's opening hours), telling the customer the
 * hours when it does not; asked before checkout, the summary and placing an order.
 */
final class RestaurantHours {

  private final Clock clock;
  private final Prompts prompts;

  RestaurantHours(Clock clock, Prompts prompts) {
    this.clock = clock;
    this.prompts = prompts;
  }

  /** True when open; otherwise says when the restaurant opens and offers the main options. */
  boolean openNow(TurnContext turn) {
    if (turn.menu().isOpen(ZonedDateTime.now(clock))) {
      return true;
    }
    turn.say(turn.texts().get("checkout.closed", hoursText(turn)));
    prompts.offerMenu(turn, "help.question");
    return false;
  }

  /** Whether the restaurant takes orders now, saying nothing. */
  boolean isOpen(TurnContext turn) {
    return turn.menu().isOpen(ZonedDateTime.now(clock));
  }

  /** The opening hours as customers read them: "seg, ter, …, das 10:00 às 04:00". */
  static String hoursText(TurnContext turn) {
    Texts texts = turn.texts();
    List<String> windows = new ArrayList<>();
    for (Menu.OpeningHours hours : turn.menu().hours()) {
      windows.add(
          texts.get(
              "hours.window",
              String.join(
                  ", ",
                  hours.days().stream()
                      .map(d -> texts.get("day." + d.toUpperCase(Locale.ROOT)))
                      .toList()),
              hours.opens(),
              hours.closes()));
    }
    return String.join("; ", windows);
  }
}
