package com.posmodern.omnichannel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts POS Modern Omnichannel: webhooks, the inbound FIFO queue, the chatbot and the channel
 * senders.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OmnichannelApplication {

  public static void main(String[] args) {
    SpringApplication.run(OmnichannelApplication.class, args);
  }
}
