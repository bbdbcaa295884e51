package com.posmodern.omnichannel.canonical;

/**
 * Who wrote a message, as the channel identifies them.
 *
 * @param id channel-scoped id: {@code whatsapp:+55…}, a page-scoped id (PSID) or an
 *     Instagram-scoped id (IGSID)
 * @param name display name when the platform sends one (WhatsApp ProfileName)
 * @param phone E.164 phone number when the channel knows it (WhatsApp)
 */
public record Sender(String id, String name, String phone) {}
