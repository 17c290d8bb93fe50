package io.rastro.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.ApiDocument;
import io.rastro.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document says what the API answers. Its committed copy, {@code
 * src/test/resources/openapi.json}, from which the build generates a Java client ({@code
 * GeneratedClientIT}), is the document the running application serves: refresh it with the command
 * in the README (this test, with {@code -Drastro.openapi.write=true}).
 */
class OpenApiDocumentIT extends IntegrationTest {

  private static final Path COMMITTED = Path.of("src/test/resources/openapi.json");
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Test
  void theCommittedDocumentIsTheOneServed() throws IOException {
    var served = served();
    if (Boolean.getBoolean("rastro.openapi.write")) {
      Files.writeString(COMMITTED, JSON.writeValueAsString(served) + "\n");
    }
    assertThat(JSON.readTree(Files.readString(COMMITTED)))
        .as("src/test/resources/openapi.json is out of date: refresh it (see this class)")
        .isEqualTo(served);
  }

  @Test
  void documentsTheAnswersOfTheWalkThrough() {
    var paths = served().path("paths");

    var shipments = paths.path("/api/v1/shipments").path("post").path("responses");
    assertThat(shipments.propertyNames())
        .contains("200", "202", "400", "401", "403", "422", "429", "503");
    assertThat(paths.path("/api/v1/customers").path("post").path("responses").has("201")).isTrue();
    assertThat(
            shipments
                .path("422")
                .path("content")
                .path("application/problem+json")
                .path("schema")
                .path("$ref")
                .asString())
        .isEqualTo("#/components/schemas/Problem");
    assertThat(paths.path("/api/v1/track/{trackingNumber}").path("get").path("security").isEmpty())
        .as("public tracking needs no key")
        .isTrue();
  }

  @Test
  void marksNullableFieldsNullableAndTheOthersRequired() {
    var schemas = served().path("components").path("schemas");

    var page = schemas.path("ShipmentPage");
    assertThat(page.path("properties").path("nextCursor").path("type").valueStream())
        .extracting(JsonNode::asString)
        .containsExactlyInAnyOrder("string", "null");
    assertThat(page.path("required").valueStream())
        .extracting(JsonNode::asString)
        .contains("items");
  }

  @Test
  void namesEveryOperationOnceAndFilesItUnderATag() {
    var document = served();
    var described =
        document.path("tags").valueStream().map(tag -> tag.path("name").asString()).toList();
    var ids = new ArrayList<String>();
    for (var operation : operations(document)) {
      var id = operation.node().path("operationId").asString("");
      ids.add(id);
      // springdoc appends _1, _2 to a method name that several controllers use
      assertThat(id).as(operation.where()).matches("[a-z][A-Za-z]+");
      assertThat(operation.node().path("summary").asString("")).as(operation.where()).isNotBlank();
      assertThat(operation.node().path("tags").size()).as(operation.where()).isEqualTo(1);
      assertThat(described)
          .as("the tags the document describes")
          .contains(operation.node().path("tags").get(0).asString());
    }
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void everyRequestBodyHasAnExampleThatItsSchemaAccepts() {
    var document = served();
    var examples = new ArrayList<String>();
    for (var operation : operations(document)) {
      var schema =
          operation
              .node()
              .path("requestBody")
              .path("content")
              .path("application/json")
              .path("schema");
      if (schema.isMissingNode()) {
        continue;
      }
      var pointer = (schema.has("items") ? schema.path("items") : schema).path("$ref").asString();
      var example = document.at(pointer.substring(1)).path("example");
      var where = operation.where() + ": " + pointer;
      assertThat(example.isObject()).as(where + " has an example").isTrue();
      assertThat(ApiDocument.mismatches(document, pointer, example))
          .as(where + " accepts its example " + example)
          .isEmpty();
      examples.add(pointer);
    }
    assertThat(examples)
        .contains(
            "#/components/schemas/CreateShipment", "#/components/schemas/RecordTrackingEvent");
  }

  private record Operation(String where, JsonNode node) {}

  /** Every operation of the document, with its method and path. */
  private static List<Operation> operations(JsonNode document) {
    var operations = new ArrayList<Operation>();
    document
        .path("paths")
        .forEachEntry(
            (path, item) ->
                item.forEachEntry(
                    (method, node) -> operations.add(new Operation(method + " " + path, node))));
    return operations;
  }

  /** The document as served, less its server, which names this test's random port. */
  private JsonNode served() {
    var document = (ObjectNode) api.as(null).get("/v3/api-docs").body();
    document.remove("servers");
    return document;
  }
}
