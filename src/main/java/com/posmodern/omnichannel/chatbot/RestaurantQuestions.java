package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Questions about the restaurant rather than an order: its opening hours ("vocês estão abertos?",
 * "qual o horário?") and where it delivers and for how much ("vocês entregam?", "quanto é a
 * entrega?"), answered from the menu.
 */
final class RestaurantQuestions {

  /** Asking when the restaurant is open, anywhere in the message ("oi, tão abertos?"). */
  private static final Pattern HOURS =
      Pattern.compile(
          "\\b(qual|quais|que) (e |o |os |sao )?horarios?\\b|\\bhorarios?\\b.*\\?$|\\bhorarios? de funcionamento\\b|que horas (voces |vcs |vc )?(abre|abrem|fecha|fecham|funciona|funcionam)"
              + "|\\b(abre|abrem|fecha|fecham|funciona|funcionam|aberto|abertos) (que horas|ate que horas)\\b"
              + "|\\bate que horas\\b"
              + "|\\b(esta|estao|ta|tao|estaria|estariam|voces|vcs)( (voces|vcs))? (aberto|aberta|abertos|abertas|funcionando|atendendo)\\b"
              + "|\\b(abre|abrem|funciona|funcionam) (hoje|agora|amanha|domingo|sabado|segunda|de madrugada)\\b"
              + "|\\bopening hours\\b|\\bwhat time do you (open|close)\\b|\\bare you open\\b|\\bopen (now|today)\\b");

  /** Asking about delivery: whether, where, and its fee. */
  private static final Pattern DELIVERY =
      Pattern.compile(
          "\\b(taxa|valor|preco|custo) (de |da )?entrega\\b|\\bquanto (e|fica|custa|sai|ta|esta)( a)? entrega\\b"
              + "|\\b(voces|vcs|vc) (entregam|entrega|fazem entrega|faz entrega)\\b"
              + "|^(entregam|fazem entrega|faz entrega|tem entrega)\\b"
              + "|\\b(onde|quais bairros|que bairros) (voces |vcs )?entregam\\b"
              + "|\\bentregam (em|no|na|pro|pra|para|ate|aqui)\\b"
              + "|\\bdelivery fee\\b|\\bdo you deliver\\b");

  private final RestaurantHours hours;

  RestaurantQuestions(RestaurantHours hours) {
    this.hours = hours;
  }

  /** Answers the message when it asks about the hours or delivery; false otherwise. */
  boolean answer(TurnContext turn) {
    String normalized = turn.normalized();
    if (HOURS.matcher(normalized).find()) {
      Texts texts = turn.texts();
      if (turn.menu().hours().isEmpty()) {
        turn.say(texts.get("hours.always"));
      } else {
        turn.say(
            texts.get(
                hours.isOpen(turn) ? "hours.open.now" : "hours.closed.now",
                RestaurantHours.hoursText(turn)));
      }
    } else if (DELIVERY.matcher(normalized).find() && !normalized.contains("pedido")) {
      turn.say(deliveryText(turn));
    } else {
      return false;
    }
    return true;
  }

  /** The zones with their fees and times, and the minimum order; pickup only without zones. */
  private static String deliveryText(TurnContext turn) {
    Texts texts = turn.texts();
    Menu menu = turn.menu();
    if (menu.deliveryZones().isEmpty()) {
      return texts.get("delivery.pickup.only");
    }
    List<String> zones = new ArrayList<>();
    for (Menu.DeliveryZone zone : menu.deliveryZones()) {
      zones.add(
          "• "
              + texts.get(
                  "delivery.zone", zone.name(), texts.price(zone.feeCents()), zone.etaMinutes()));
    }
    String text = texts.get("delivery.zones", String.join("\n", zones));
    if (menu.minimumOrderCents() > 0) {
      text += "\n" + texts.get("delivery.minimum", texts.price(menu.minimumOrderCents()));
    }
    return text;
  }
}
