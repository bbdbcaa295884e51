package com.posmodern.omnichannel.chatbot;

import java.util.List;

/**
 * One line of a cart, with the catalog's names and prices at the time it was added (what the
 * customer was shown).
 *
 * @param unitPriceCents the variant's (or item's) price plus the add-ons', per unit
 */
public record CartLine(
    String itemId,
    String itemName,
    String variantId,
    String variantName,
    List<CartAddon> addons,
    int quantity,
    long unitPriceCents) {

  public CartLine {
    addons = addons == null ? List.of() : List.copyOf(addons);
  }

  /** An add-on chosen for the line. */
  public record CartAddon(String id, String name, long priceCents) {}

  /** Price of the line. */
  public long totalCents() {
    return unitPriceCents * quantity;
  }

  /** The same line with another quantity. */
  public CartLine withQuantity(int newQuantity) {
    return new CartLine(
        itemId, itemName, variantId, variantName, addons, newQuantity, unitPriceCents);
  }

  /** Whether the other line is the same choice (so quantities add up). */
  boolean sameChoiceAs(CartLine other) {
    return itemId.equals(other.itemId)
        && java.util.Objects.equals(variantId, other.variantId)
        && addons.equals(other.addons);
  }

  /** "Pizza de Calabresa (Grande) + Borda recheada de Catupiry" */
  public String description() {
    StringBuilder text = new StringBuilder(itemName);
    if (variantName != null) {
      text.append(" (").append(variantName).append(')');
    }
    for (CartAddon addon : addons) {
      text.append(" + ").append(addon.name());
    }
    return text.toString();
  }
}
