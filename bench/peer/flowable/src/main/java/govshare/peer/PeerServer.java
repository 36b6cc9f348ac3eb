package govshare.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;

/**
 * Flowable behind HTTP, as the peer benchmark drives govshare: file a case (answered with its
 * first task), complete a task (answered with the task that opened next, if any). The engine is
 * embedded, on PostgreSQL, with its async executor running the boundary timers.
 *
 * <p>Configured from the environment: PEER_PORT, PEER_JDBC_URL (a database created if missing),
 * PEER_DB_USER and PEER_DB_PASSWORD (never printed).
 */
public final class PeerServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    String url = required("PEER_JDBC_URL");
    String user = required("PEER_DB_USER");
    String password = required("PEER_DB_PASSWORD");
    int port = Integer.parseInt(required("PEER_PORT"));
    createDatabaseIfMissing(url, user, password);

    ProcessEngine engine =
        ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
            .setJdbcUrl(url)
            .setJdbcUsername(user)
            .setJdbcPassword(password)
            .setJdbcDriver("org.postgresql.Driver")
            .setJdbcMaxActiveConnections(20)
            .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
            .setAsyncExecutorActivate(true)
            .buildProcessEngine();
    engine
        .getRepositoryService()
        .createDeployment()
        .addClasspathResource("sharing-approval.bpmn20.xml")
        .name("sharing-approval")
        .enableDuplicateFiltering()
        .deploy();

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/healthz", ex -> answer(ex, 200, Map.of("ok", true)));
    server.createContext("/cases", ex -> handle(ex, () -> fileCase(engine, body(ex))));
    server.createContext("/tasks/", ex -> handle(ex, () -> complete(engine, ex)));
    server.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(0);
                  engine.close();
                }));
    System.out.println("flowable peer listening on http://127.0.0.1:" + port);
  }

  /** A task id that names no open task: 404, as govshare answers it. */
  private static final class NoSuchTask extends RuntimeException {
    NoSuchTask(String id) {
      super("no open task " + id);
    }
  }

  private interface Work {
    Object run() throws Exception;
  }

  private static void handle(HttpExchange ex, Work work) throws IOException {
    if (!"POST".equals(ex.getRequestMethod())) {
      answer(ex, 405, Map.of("error", "POST only"));
      return;
    }
    try {
      answer(ex, 200, work.run());
    } catch (NoSuchTask e) {
      answer(ex, 404, Map.of("error", String.valueOf(e.getMessage())));
    } catch (IllegalArgumentException e) {
      answer(ex, 400, Map.of("error", String.valueOf(e.getMessage())));
    } catch (Exception e) {
      answer(ex, 500, Map.of("error", String.valueOf(e)));
    }
  }

  /** POST /cases {requester, provider, providerDue, platformDue}: the case and its first task. */
  private static Object fileCase(ProcessEngine engine, JsonNode body) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (String field : new String[] {"requester", "provider", "providerDue", "platformDue"}) {
      String value = body.path(field).asText("").strip();
      if (value.isEmpty()) throw new IllegalArgumentException(field + " is required");
      vars.put(field, value);
    }
    ProcessInstance pi =
        engine.getRuntimeService().startProcessInstanceByKey("sharingApproval", vars);
    return Map.of("id", pi.getId(), "currentTask", openTask(engine, pi.getId()));
  }

  /** POST /tasks/{id}/complete {decision}: completes it; the task that opened next, if any. */
  private static Object complete(ProcessEngine engine, HttpExchange ex) throws IOException {
    String[] parts = ex.getRequestURI().getPath().split("/");
    if (parts.length != 4 || !"complete".equals(parts[3]))
      throw new IllegalArgumentException("POST /tasks/{id}/complete");
    String decision = body(ex).path("decision").asText("");
    if (!decision.equals("approve") && !decision.equals("deny"))
      throw new IllegalArgumentException("decision must be approve or deny");
    Task task = engine.getTaskService().createTaskQuery().taskId(parts[2]).singleResult();
    if (task == null) throw new NoSuchTask(parts[2]);
    engine.getTaskService().complete(task.getId(), Map.of("decision", decision));
    return Map.of("next", openTask(engine, task.getProcessInstanceId()));
  }

  private static Object openTask(ProcessEngine engine, String processInstanceId) {
    Task next =
        engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).singleResult();
    if (next == null) return Map.of();
    return Map.of("id", next.getId(), "step", next.getTaskDefinitionKey());
  }

  private static JsonNode body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length == 0) return JSON.createObjectNode();
      return JSON.readTree(bytes);
    }
  }

  private static void answer(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private static void createDatabaseIfMissing(String url, String user, String password)
      throws Exception {
    String name = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
    if (!name.matches("[a-z_][a-z0-9_]*"))
      throw new IllegalArgumentException("PEER_JDBC_URL names an odd database: " + name);
    String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
    try (Connection c = DriverManager.getConnection(admin, user, password);
        PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      q.setString(1, name);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) c.createStatement().execute("CREATE DATABASE " + name);
      }
    }
  }

  private static String required(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) throw new IllegalStateException(name + " is not set");
    return v;
  }

  private PeerServer() {}

  static {
    System.setProperty("file.encoding", StandardCharsets.UTF_8.name());
  }
}
