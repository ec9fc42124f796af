package io.wasmgate.plugin.model;

import io.wasmgate.plugin.ResourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads WasmPlugin resources from multi-document YAML, exactly as users write them for kubectl.
 * All documents are validated; any error rejects the whole text, and the message names the source,
 * the document (1-based), the resource and the field path of every problem.
 */
public final class WasmPluginParser {
  public static final String API_VERSION = "extensions.istio.io/v1alpha1";
  public static final String KIND = "WasmPlugin";

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Set<String> TOP_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final Set<String> METADATA_FIELDS =
      Set.of(
          "name", "namespace", "labels", "annotations", "uid", "resourceVersion", "generation",
          "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields",
          "ownerReferences", "finalizers", "generateName", "selfLink");

  private WasmPluginParser() {}

  /**
   * @param source how to name the text in messages, e.g. "plugins/auth.yaml"
   * @return the resources in document order; empty documents are skipped
   * @throws ResourceException listing every problem, one per line
   */
  public static List<ParsedResource> parse(String yaml, String source) throws ResourceException {
    List<JsonNode> documents = readDocuments(yaml, source);
    List<ParsedResource> resources = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      JsonNode document = documents.get(i);
      if (isBlank(document)) {
        continue;
      }
      String where = source + " document " + (i + 1);
      Problems problems = new Problems();
      WasmPlugin plugin = readDocument(document, where, problems);
      if (plugin == null) {
        String prefix = where + (document.isObject() ? describeName(document) : "") + ": ";
        problems.errors().forEach(e -> errors.add(prefix + e));
      } else {
        List<String> warnings = new ArrayList<>();
        problems.warnings().forEach(w -> warnings.add(plugin.origin() + " (" + plugin.key() + "): " + w));
        resources.add(new ParsedResource(plugin, document, warnings));
      }
    }
    if (!errors.isEmpty()) {
      throw new ResourceException(String.join("\n", errors));
    }
    return resources;
  }

  /** An empty document (a stray "---" or a blank mapping), skipped as kubectl skips it. */
  private static boolean isBlank(JsonNode document) {
    return document == null || document.isNull() || document.isMissingNode()
        || (document.isObject() && document.isEmpty());
  }

  /**
   * The "namespace/name" of every WasmPlugin document, reading only apiVersion, kind and metadata,
   * as kubectl delete does (a resource with a spec that is no longer valid can still be deleted).
   */
  public static List<String> keys(String yaml, String source) throws ResourceException {
    List<JsonNode> documents = readDocuments(yaml, source);
    List<String> keys = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      JsonNode document = documents.get(i);
      if (isBlank(document)) {
        continue;
      }
      Problems problems = new Problems();
      String name = document.isObject() ? describeName(document) : "";
      if (!document.isObject()) {
        problems.error("document", "expected a mapping (a Kubernetes resource)");
      } else {
        Fields top = new Fields(document, "", problems);
        String kind = top.requiredString("kind");
        if (kind != null && !kind.equals(KIND)) {
          top.error("kind", "unsupported kind \"" + kind + "\" (expected " + KIND + ")");
        }
        if (name.isEmpty()) {
          top.error("metadata.name", "required");
        }
      }
      String prefix = source + " document " + (i + 1) + name + ": ";
      problems.errors().forEach(e -> errors.add(prefix + e));
      if (problems.errors().isEmpty()) {
        keys.add(name.substring(2, name.length() - 1));
      }
    }
    if (!errors.isEmpty()) {
      throw new ResourceException(String.join("\n", errors));
    }
    return keys;
  }

  /** The document as YAML, for the gateway's own store. */
  public static String toYaml(JsonNode manifest) {
    return YAML.writeValueAsString(manifest);
  }

  private static List<JsonNode> readDocuments(String yaml, String source) throws ResourceException {
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      return it.readAll();
    } catch (JacksonException e) {
      String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ResourceException(source + ": invalid YAML" + at + ": " + e.getOriginalMessage());
    }
  }

  private static WasmPlugin readDocument(JsonNode document, String where, Problems problems) {
    if (!document.isObject()) {
      problems.error("document", "expected a mapping (a Kubernetes resource)");
      return null;
    }
    Fields top = new Fields(document, "", problems);
    String apiVersion = top.requiredString("apiVersion");
    String kind = top.requiredString("kind");
    if (kind != null && !kind.equals(KIND)) {
      top.error("kind", "unsupported kind \"" + kind + "\" (expected " + KIND + ")");
    } else if (apiVersion != null && !apiVersion.equals(API_VERSION)) {
      top.error("apiVersion", "unsupported apiVersion \"" + apiVersion + "\" (expected " + API_VERSION + ")");
    }
    if (!problems.errors().isEmpty()) {
      return null; // another kind of resource: its fields mean nothing here
    }
    top.warnUnknown(TOP_FIELDS);
    ObjectMeta metadata = metadata(top, problems);
    Fields spec = top.object("spec");
    if (spec == null && top.raw("spec") == null) {
      top.error("spec", "required");
    }
    WasmPluginSpec validSpec = spec == null ? null : SpecReader.read(spec, problems);
    if (!problems.errors().isEmpty()) {
      return null;
    }
    return new WasmPlugin(metadata, validSpec, where);
  }

  private static ObjectMeta metadata(Fields top, Problems problems) {
    Fields meta = top.object("metadata");
    if (meta == null) {
      if (top.raw("metadata") == null) {
        top.error("metadata.name", "required");
      }
      return null;
    }
    meta.warnUnknown(METADATA_FIELDS);
    String name = meta.requiredString("name");
    if (name != null && (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches())) {
      meta.error("name", "\"" + name + "\" is not a valid name (lower-case alphanumerics, '-' and '.', at most 253)");
    }
    String namespace = meta.string("namespace");
    if (namespace == null || namespace.isEmpty()) {
      namespace = "default";
    } else if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
      meta.error("namespace", "\"" + namespace + "\" is not a valid namespace (lower-case alphanumerics and '-', at most 63)");
    }
    Map<String, String> labels = meta.stringMap("labels");
    Map<String, String> annotations = meta.stringMap("annotations");
    PluginLimits.read(annotations == null ? Map.of() : annotations, problems);
    return new ObjectMeta(
        name, namespace, labels == null ? Map.of() : labels, annotations == null ? Map.of() : annotations);
  }

  /** " (namespace/name)" when the document names itself, so errors say which resource is wrong. */
  private static String describeName(JsonNode document) {
    JsonNode meta = document.get("metadata");
    if (meta == null || !meta.isObject() || meta.get("name") == null || !meta.get("name").isString()) {
      return "";
    }
    JsonNode ns = meta.get("namespace");
    String namespace = ns != null && ns.isString() && !ns.stringValue().isEmpty() ? ns.stringValue() : "default";
    return " (" + namespace + "/" + meta.get("name").stringValue() + ")";
  }
}
