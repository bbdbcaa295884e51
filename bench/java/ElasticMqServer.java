import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.util.Map;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;

/**
 * The ElasticMQ server as docker-compose runs it (docker/elasticmq.conf: FIFO queues, DLQs, H2 message storage),
 * in its own process on loopback, for the benchmark's external-queue mode.
 * Run: java -cp <project classpath> bench/java/ElasticMqServer.java <config> <port> <storage-dir>
 */
public final class ElasticMqServer {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]);
    Config overrides =
        ConfigFactory.parseMap(
            Map.of(
                "rest-sqs.bind-port", port,
                "rest-sqs.bind-hostname", "127.0.0.1",
                "node-address.host", "127.0.0.1",
                "node-address.port", port,
                "rest-stats.enabled", false,
                "messages-storage.uri", "jdbc:h2:" + new File(args[2], "elasticmq").getAbsolutePath()));
    Config config =
        overrides.withFallback(ConfigFactory.parseFile(new File(args[0]))).withFallback(ConfigFactory.load()).resolve();
    new ElasticMQServer(new ElasticMQServerConfig(config)).start();
    System.out.println("elasticmq listening on " + port);
    Thread.currentThread().join();
  }
}
