package com.posmodern.omnichannel.chatbot.menu;

import java.util.List;
import java.util.Optional;

/**
 * The restaurant's catalog as the POS publishes it (the JSON contract is in the README): who the
 * restaurant is and what it sells, by category. Prices are integer centavos, never floating point.
 *
 * @param restaurant name and place of the restaurant
 * @param categories what it sells, in display order
 */
public record Menu(Restaurant restaurant, List<Category> categories) {

  public Menu {
    categories = List.copyOf(categories);
  }

  /** Name and place shown to customers. */
  public record Restaurant(String name, String city) {}

  /** A section of the menu. */
  public record Category(String id, String name, String description, List<Item> items) {

    public Category {
      items = List.copyOf(items);
    }
  }

  /**
   * Something to order.
   *
   * @param priceCents the price of the smallest variant, in centavos
   * @param variants sizes or versions with their own prices (empty when there is only one)
   */
  public record Item(
      String id,
      String name,
      String description,
      long priceCents,
      String imageUrl,
      boolean available,
      List<Variant> variants) {

    public Item {
      variants = variants == null ? List.of() : List.copyOf(variants);
    }
  }

  /** A size or version of an item. */
  public record Variant(String id, String name, long priceCents) {}

  /** The category with this id. */
  public Optional<Category> category(String id) {
    return categories.stream().filter(category -> category.id().equals(id)).findFirst();
  }
}
