package com.posmodern.omnichannel.support;

import com.posmodern.omnichannel.platform.sqs.EmbeddedSqsServer;
import com.posmodern.omnichannel.platform.sqs.SqsProperties;

/**
 * ElasticMQ as its own process, the way docker-compose runs it beside the app: the fault tests
 * freeze it (SIGSTOP), kill it (SIGKILL) and start it again on the same storage. Arguments: the
 * port and the H2 storage URL. Prints {@code READY} once it serves.
 */
public final class QueueServerMain {

  private QueueServerMain() {}

  public static void main(String[] args) throws Exception {
    EmbeddedSqsServer.start(
        new SqsProperties.Embedded("127.0.0.1", Integer.parseInt(args[0]), true, args[1]));
    System.out.println("READY");
    System.out.flush();
    // Serves until killed, or until the test that started it closes its stdin.
    while (System.in.read() != -1) {
      // nothing to read: the test never writes
    }
    System.exit(0);
  }
}
