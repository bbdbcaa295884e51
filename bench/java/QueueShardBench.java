import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The queue server alone, without the app: producers send batches of 10 messages over many message
 * groups (conversations) to the inbound queue's shards while consumers receive and delete them, as
 * the app does. Reports messages sent and consumed per second and the queue server's CPU time per
 * consumed message, so the effect of SQS_INBOUND_SHARDS on ElasticMQ can be seen apart from the
 * app. Run by bench/queue-shards.sh against the ElasticMQ server of the external mode.
 * Args: endpoint server-pid shards groups seconds producers consumers
 */
public final class QueueShardBench {

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    long serverPid = Long.parseLong(args[1]);
    int shards = Integer.parseInt(args[2]);
    int groups = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    int producers = Integer.parseInt(args[5]);
    int consumers = Integer.parseInt(args[6]);
    SqsClient sqs =
        SqsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
            .build();
    List<String> urls = new ArrayList<>();
    for (int shard = 0; shard < shards; shard++) {
      String name = shard == 0 ? "inbound.fifo" : "inbound-" + shard + ".fifo";
      urls.add(sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
    }
    AtomicBoolean producing = new AtomicBoolean(true);
    AtomicBoolean consuming = new AtomicBoolean(true);
    AtomicLong sent = new AtomicLong();
    AtomicLong consumed = new AtomicLong();
    AtomicLong ids = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      threads.add(start(() -> {
        while (producing.get()) {
          // One batch per shard-bound conversation set, as the app's per-shard writers send.
          int shard = ThreadLocalRandom.current().nextInt(shards);
          List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
          while (entries.size() < 10) {
            String group = "whatsapp:+14155238886:+55119" + (87650000 + ThreadLocalRandom.current().nextInt(groups));
            if (Math.floorMod(group.hashCode(), shards) != shard) {
              continue;
            }
            long id = ids.incrementAndGet();
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                .messageGroupId(group).messageDeduplicationId("m" + id).messageBody("{\"text\":\"oi " + id + "\"}").build());
          }
          sqs.sendMessageBatch(b -> b.queueUrl(urls.get(shard)).entries(entries));
          sent.addAndGet(entries.size());
        }
      }));
    }
    for (int c = 0; c < consumers; c++) {
      String url = urls.get(c % shards);
      threads.add(start(() -> {
        while (consuming.get()) {
          List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
          if (batch.isEmpty()) {
            continue;
          }
          List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
          for (Message message : batch) {
            deletes.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(deletes.size()))
                .receiptHandle(message.receiptHandle()).build());
          }
          sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(deletes));
          consumed.addAndGet(batch.size());
        }
      }));
    }
    Thread.sleep(2000); // warm up
    long cpu0 = cpuMillis(serverPid);
    long sent0 = sent.get();
    long consumed0 = consumed.get();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long cpu1 = cpuMillis(serverPid);
    long sent1 = sent.get();
    long consumed1 = consumed.get();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    producing.set(false);
    consuming.set(false);
    for (Thread thread : threads) {
      thread.join(5000);
    }
    System.out.printf(
        "{\"shards\": %d, \"groups\": %d, \"sent_per_s\": %.0f, \"consumed_per_s\": %.0f, \"backlog\": %d,"
            + " \"server_cpu_ms_per_consumed\": %.3f}%n",
        shards, groups, (sent1 - sent0) / elapsed, (consumed1 - consumed0) / elapsed,
        sent1 - consumed1, (cpu1 - cpu0) / (double) Math.max(1, consumed1 - consumed0));
    sqs.close();
  }

  private static Thread start(Runnable task) {
    Thread thread = new Thread(task);
    thread.start();
    return thread;
  }

  /** utime + stime of a process, from /proc (clock ticks of 10 ms on Linux). */
  private static long cpuMillis(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
  }
}
