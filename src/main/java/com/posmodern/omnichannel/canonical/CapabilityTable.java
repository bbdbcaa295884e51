package com.posmodern.omnichannel.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The versioned table of channel capabilities ({@code capabilities/channels.json} on the
 * classpath): every limit with its documentation page and the day it was checked. Channel
 * renderers, the conversation engine (through the per-channel services) and the validator read it.
 */
public final class CapabilityTable {

  private static final String RESOURCE = "/capabilities/channels.json";

  private final String version;
  private final Map<Channel, ChannelCapabilities> channels;

  private CapabilityTable(String version, Map<Channel, ChannelCapabilities> channels) {
    this.version = version;
    this.channels = channels;
  }

  /** Reads the bundled table. */
  public static CapabilityTable load() {
    try (InputStream in = CapabilityTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + RESOURCE);
      }
      JsonNode root = CanonicalJson.mapper().readTree(in);
      Map<Channel, ChannelCapabilities> channels = new EnumMap<>(Channel.class);
      for (Channel channel : Channel.values()) {
        JsonNode node = root.path("channels").path(channel.id());
        if (node.isMissingNode()) {
          throw new IllegalStateException(RESOURCE + " has no entry for " + channel.id());
        }
        channels.put(
            channel,
            new ChannelCapabilities(
                channel,
                read(node, "text", ChannelCapabilities.Text.class),
                read(node, "quickReplies", ChannelCapabilities.QuickReplies.class),
                read(node, "cards", ChannelCapabilities.Cards.class),
                read(node, "buttons", ChannelCapabilities.Buttons.class),
                read(node, "list", ChannelCapabilities.ListPicker.class),
                read(node, "image", ChannelCapabilities.Image.class),
                read(node, "window", ChannelCapabilities.Window.class)));
      }
      return new CapabilityTable(root.path("version").asText(), channels);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  /** The capabilities of one channel. */
  public ChannelCapabilities of(Channel channel) {
    return channels.get(channel);
  }

  /** The table's version (the day it was last revised). */
  public String version() {
    return version;
  }

  private static <T> T read(JsonNode channel, String field, Class<T> type) throws IOException {
    JsonNode node = channel.path(field);
    return node.isMissingNode() || node.isNull()
        ? null
        : CanonicalJson.mapper().treeToValue(node, type);
  }
}
