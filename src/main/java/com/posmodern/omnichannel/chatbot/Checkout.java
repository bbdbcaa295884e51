package com.posmodern.omnichannel.chatbot;

/**
 * What the customer has told us at checkout so far.
 *
 * @param delivery true for delivery, false for pickup, null when not chosen yet
 * @param cep 8 digits
 * @param zoneId the delivery zone of the CEP
 * @param feeCents the zone's delivery fee
 * @param etaMinutes the zone's usual delivery time
 * @param paymentMethod pix, card or cash once chosen
 * @param changeForCents cash the customer will pay with (0: no change needed)
 */
public record Checkout(
    Boolean delivery,
    String name,
    String phone,
    String cep,
    String street,
    String number,
    String complement,
    String neighbourhood,
    String zoneId,
    long feeCents,
    int etaMinutes,
    String paymentMethod,
    long changeForCents) {

  static Checkout empty() {
    return new Checkout(null, null, null, null, null, null, null, null, null, 0, 0, null, 0);
  }

  Checkout withDelivery(boolean value) {
    return new Checkout(
        value,
        name,
        phone,
        cep,
        street,
        number,
        complement,
        neighbourhood,
        zoneId,
        value ? feeCents : 0,
        etaMinutes,
        paymentMethod,
        changeForCents);
  }

  Checkout withName(String value) {
    return new Checkout(
        delivery,
        value,
        phone,
        cep,
        street,
        number,
        complement,
        neighbourhood,
        zoneId,
        feeCents,
        etaMinutes,
        paymentMethod,
        changeForCents);
  }

  Checkout withPhone(String value) {
    return new Checkout(
        delivery,
        name,
        value,
        cep,
        street,
        number,
        complement,
        neighbourhood,
        zoneId,
        feeCents,
        etaMinutes,
        paymentMethod,
        changeForCents);
  }

  Checkout withCep(String value, String zone, long fee, int eta) {
    return new Checkout(
        delivery,
        name,
        phone,
        value,
        street,
        number,
        complement,
        neighbourhood,
        zone,
        fee,
        eta,
        paymentMethod,
        changeForCents);
  }

  Checkout withStreet(String value) {
    return new Checkout(
        delivery,
        name,
        phone,
        cep,
        value,
        number,
        complement,
        neighbourhood,
        zoneId,
        feeCents,
        etaMinutes,
        paymentMethod,
        changeForCents);
  }

  Checkout withNumber(String value) {
    return new Checkout(
        delivery,
        name,
        phone,
        cep,
        street,
        value,
        complement,
        neighbourhood,
        zoneId,
        feeCents,
        etaMinutes,
        paymentMethod,
        changeForCents);
  }

  Checkout withComplement(String value) {
    return new Checkout(
        delivery,
        name,
        phone,
        cep,
        street,
        number,
        value,
        neighbourhood,
        zoneId,
        feeCents,
        etaMinutes,
        paymentMethod,
        changeForCents);
  }

  Checkout withNeighbourhood(String value) {
    return new Checkout(
        delivery,
        name,
        phone,
        cep,
        street,
        number,
        complement,
        value,
        zoneId,
        feeCents,
        etaMinutes,
        paymentMethod,
        changeForCents);
  }

  Checkout withPayment(String method, long changeFor) {
    return new Checkout(
        delivery,
        name,
        phone,
        cep,
        street,
        number,
        complement,
        neighbourhood,
        zoneId,
        feeCents,
        etaMinutes,
        method,
        changeFor);
  }

  /** One line of address for summaries and the POS. */
  String addressLine() {
    StringBuilder text = new StringBuilder().append(street).append(", ").append(number);
    if (complement != null && !complement.isBlank()) {
      text.append(" — ").append(complement);
    }
    text.append(" — ")
        .append(neighbourhood)
        .append(" — CEP ")
        .append(cep, 0, 5)
        .append('-')
        .append(cep.substring(5));
    return text.toString();
  }
}
