// The neo4j engine of scripts/services: Neo4j 5 community embedded (DatabaseManagementService),
// with the Bolt connector on a loopback port and authentication off. Test use only.
//   java -cp <classes>:<neo4j classpath> Neo4jBolt <home directory> <bolt port> <page cache MiB>
import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public final class Neo4jBolt {
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: Neo4jBolt <home directory> <bolt port> <page cache MiB>");
      System.exit(2);
    }
    Path home = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    long pageCacheBytes = Long.parseLong(args[2]) * 1024 * 1024;
    long t0 = System.nanoTime();
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("neo4j: shutting down");
      dbms.shutdown();
    }, "neo4j-shutdown"));
    // Opening the default database forces its creation before we say we are ready.
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    System.out.printf("neo4j: BOLT READY on 127.0.0.1:%d after %d ms%n", port, (System.nanoTime() - t0) / 1_000_000);
    Thread.currentThread().join();
  }
}
