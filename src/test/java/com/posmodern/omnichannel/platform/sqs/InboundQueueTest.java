package com.posmodern.omnichannel.platform.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboundQueueTest {

  @Test
  void keepsIdsSqsAccepts() {
    assertThat(InboundQueue.sqsId("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM"))
        .isEqualTo("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM");
    assertThat(InboundQueue.sqsId("whatsapp:+14155238886:+5511987654321"))
        .isEqualTo("whatsapp:+14155238886:+5511987654321");
  }

  @Test
  void hashesIdsSqsWouldRefuseTheSameWayEachTime() {
    String tooLong = "m".repeat(129);
    String withSpace = "an id";

    assertThat(InboundQueue.sqsId(tooLong)).hasSize(64).isEqualTo(InboundQueue.sqsId(tooLong));
    assertThat(InboundQueue.sqsId(withSpace)).matches("[0-9a-f]{64}");
  }
}
