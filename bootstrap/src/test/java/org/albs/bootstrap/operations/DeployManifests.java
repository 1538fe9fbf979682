package org.albs.bootstrap.operations;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.smallrye.config.WithName;
import org.albs.bootstrap.AlbsConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What the files in {@code deploy/} say, and what the server reads: the environment variables each file sets (by
 * file and place), the images it names, the HTTP paths its probes and health checks ask for.
 */
final class DeployManifests {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern CONFIG_TABLE_NAME = Pattern.compile("^\\| `(QUARKUS_[A-Z0-9_]+)`");
    private static final Pattern LOCAL_URL_PATH = Pattern.compile("http://localhost(?::\\d+)?(/[^\\s\"',\\]]*)");

    final Path root;
    final Path deploy;

    private DeployManifests(Path root) {
        this.root = root;
        this.deploy = root.resolve("deploy");
    }

    /** The repository root, found from the module's directory (Surefire runs in bootstrap/). */
    static DeployManifests ofRepository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/compose.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/compose.yaml above " + Path.of("").toAbsolutePath());
        }
        return new DeployManifests(dir);
    }

    // ---- what the server reads ----

    /**
     * Every environment variable the server reads: each {@link AlbsConfig} setting in its environment form, the
     * variables its defaults and application.properties name in expressions (upstream's JWT_SECRET, PULP_HOST, …),
     * every application.properties key in environment form, and the Quarkus variables the README documents.
     */
    Set<String> variablesTheServerReads() throws IOException {
        Set<String> names = new TreeSet<>();
        settings(AlbsConfig.class, "albs", names);
        Properties props = new Properties();
        String text;
        try (InputStream in = AlbsConfig.class.getResourceAsStream("/application.properties")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        props.load(new java.io.StringReader(text));
        for (String key : props.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                names.add(environmentName(key));
            }
        }
        expressions(text, names);
        for (String line : Files.readAllLines(root.resolve("README.md"))) {
            Matcher m = CONFIG_TABLE_NAME.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static void settings(Class<?> group, String prefix, Set<String> names) {
        for (Method m : group.getMethods()) {
            if (m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
                continue;
            }
            WithName renamed = m.getAnnotation(WithName.class);
            String name = prefix + "." + (renamed != null ? renamed.value() : kebab(m.getName()));
            io.smallrye.config.WithDefault def = m.getAnnotation(io.smallrye.config.WithDefault.class);
            if (def != null) {
                expressions(def.value(), names);
            }
            Class<?> type = m.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == AlbsConfig.class) {
                settings(type, name, names);
            } else {
                names.add(environmentName(name));
            }
        }
    }

    private static void expressions(String text, Set<String> names) {
        Matcher m = EXPRESSION.matcher(text);
        while (m.find()) {
            names.add(environmentName(m.group(1)));
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** SmallRye's rule: every character that is not a letter or digit becomes '_', letters upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    // ---- what the deploy files say ----

    Path compose() {
        return deploy.resolve("compose.yaml");
    }

    List<Path> kubernetes() throws IOException {
        try (Stream<Path> files = Files.list(deploy.resolve("k8s"))) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml"))
                    .sorted().toList();
        }
    }

    List<Path> dockerfiles() throws IOException {
        try (Stream<Path> files = Files.list(deploy)) {
            return files.filter(p -> p.getFileName().toString().startsWith("Dockerfile")).sorted().toList();
        }
    }

    /** Each variable the compose file and the manifests set, with where it is set. */
    Map<String, String> variablesSet() throws IOException {
        Map<String, String> where = new TreeMap<>();
        Map<String, Object> compose = yaml(compose()).get(0);
        for (var service : map(compose.get("services")).entrySet()) {
            Object env = map(service.getValue()).get("environment");
            // only the server's services (built here); postgres's or pulp's settings are their images' own
            if (env != null && map(service.getValue()).containsKey("build")) {
                map(env).keySet().forEach(k -> where.put(k, "compose.yaml services." + service.getKey()));
            }
        }
        for (Path file : kubernetes()) {
            for (Map<String, Object> doc : yaml(file)) {
                String kind = String.valueOf(doc.get("kind"));
                String at = "k8s/" + file.getFileName() + " " + kind;
                if (kind.equals("ConfigMap")) {
                    map(doc.get("data")).keySet().forEach(k -> where.put(k, at));
                } else if (kind.equals("Secret")) {
                    map(doc.getOrDefault("stringData", Map.of())).keySet().forEach(k -> where.put(k, at));
                    map(doc.getOrDefault("data", Map.of())).keySet().forEach(k -> where.put(k, at));
                }
                for (Map<String, Object> c : containers(doc)) {
                    for (Object e : list(c.getOrDefault("env", List.of()))) {
                        where.put(String.valueOf(map(e).get("name")), at + " env");
                    }
                }
            }
        }
        return where;
    }

    /** Each image named, with where: compose services, k8s containers, Dockerfile FROM lines. */
    Map<String, String> images() throws IOException {
        Map<String, String> images = new TreeMap<>();
        for (var service : map(yaml(compose()).get(0).get("services")).entrySet()) {
            Object image = map(service.getValue()).get("image");
            if (image != null) {
                images.put(image.toString(), "compose.yaml services." + service.getKey());
            }
        }
        for (Path file : kubernetes()) {
            for (Map<String, Object> doc : yaml(file)) {
                for (Map<String, Object> c : containers(doc)) {
                    images.put(String.valueOf(c.get("image")), "k8s/" + file.getFileName());
                }
            }
        }
        for (Path file : dockerfiles()) {
            for (String line : Files.readAllLines(file)) {
                String[] words = line.trim().split("\\s+");
                if (words.length >= 2 && words[0].equalsIgnoreCase("FROM")) {
                    images.put(words[1], file.getFileName().toString());
                }
            }
        }
        return images;
    }

    /** The server's HTTP paths that probes and health checks ask for, with where. */
    Map<String, String> probePaths() throws IOException {
        Map<String, String> paths = new TreeMap<>();
        for (Path file : kubernetes()) {
            for (Map<String, Object> doc : yaml(file)) {
                for (Map<String, Object> c : containers(doc)) {
                    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                        Object p = c.get(probe);
                        if (p != null) {
                            paths.put(String.valueOf(map(map(p).get("httpGet")).get("path")),
                                    "k8s/" + file.getFileName() + " " + probe);
                        }
                    }
                }
            }
        }
        for (var service : map(yaml(compose()).get(0).get("services")).entrySet()) {
            Map<String, Object> s = map(service.getValue());
            if (s.containsKey("build") && s.containsKey("healthcheck")) {
                localPaths(String.valueOf(map(s.get("healthcheck")).get("test")), paths,
                        "compose.yaml services." + service.getKey());
            }
        }
        for (Path file : dockerfiles()) {
            localPaths(Files.readString(file).replaceAll("(?s).*HEALTHCHECK", ""), paths,
                    file.getFileName().toString());
        }
        return paths;
    }

    private static void localPaths(String text, Map<String, String> paths, String where) {
        Matcher m = LOCAL_URL_PATH.matcher(text);
        while (m.find()) {
            paths.put(m.group(1), where);
        }
    }

    // ---- YAML ----

    static List<Map<String, Object>> yaml(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(options).loadAll(Files.readString(file))) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    private static List<Map<String, Object>> containers(Map<String, Object> doc) {
        if (!"Deployment".equals(doc.get("kind"))) {
            return List.of();
        }
        Map<String, Object> pod = map(map(map(doc.get("spec")).get("template")).get("spec"));
        List<Map<String, Object>> all = new ArrayList<>();
        for (String key : List.of("initContainers", "containers")) {
            for (Object c : list(pod.getOrDefault(key, List.of()))) {
                all.add(map(c));
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
