package org.albs.adapter.out.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import org.albs.application.port.out.ProjectIndex;
import org.albs.application.port.out.ProjectIndexUnavailableException;
import org.albs.domain.sources.ProjectEntry;
import org.jboss.logging.Logger;

/**
 * The project index in Redis, in upstream's format: one key per organisation, {@code <org>_gitea_cache}, holding a
 * JSON object keyed by full name with entries {@code {name, full_name, clone_url, tags, branches, updated_at}}.
 * A whole index is replaced by writing a new key and renaming it over the old one (atomic in Redis). Entries
 * that cannot be read are skipped and reported to {@code onMalformed} (organisation, reason).
 */
public class RedisProjectIndex implements ProjectIndex {
    private static final Logger LOG = Logger.getLogger(RedisProjectIndex.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNLOCK = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " return redis.call('DEL', KEYS[1]) else return 0 end";

    private final RedisDataSource redis;
    private final String prefix;
    private final BiConsumer<String, String> onMalformed;

    public RedisProjectIndex(RedisDataSource redis, String keyPrefix, BiConsumer<String, String> onMalformed) {
        this.redis = redis;
        this.prefix = keyPrefix == null ? "" : keyPrefix;
        this.onMalformed = onMalformed;
    }

    /** The Redis key of an organisation's index, as upstream's git cacher names it. */
    public String key(String organisation) {
        return prefix + organisation + "_gitea_cache";
    }

    @Override
    public Map<String, ProjectEntry> read(String organisation) {
        Response value = call("GET", key(organisation));
        if (value == null) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(value.toString());
        } catch (JsonProcessingException e) {
            onMalformed.accept(organisation, "the index is not JSON");
            return Map.of();
        }
        if (root == null || !root.isObject()) {
            onMalformed.accept(organisation, "the index is not a JSON object");
            return Map.of();
        }
        Map<String, ProjectEntry> entries = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String problem = problem(e.getValue());
            if (problem != null) {
                onMalformed.accept(organisation, e.getKey() + ": " + problem);
                continue;
            }
            JsonNode n = e.getValue();
            JsonNode updated = n.get("updated_at");
            entries.put(e.getKey(), new ProjectEntry(n.get("name").asText(), n.get("full_name").asText(),
                    n.get("clone_url").asText(), strings(n.get("tags")), strings(n.get("branches")),
                    updated != null && updated.isTextual() ? updated.asText() : null));
        }
        return entries;
    }

    private static String problem(JsonNode n) {
        if (n == null || !n.isObject()) {
            return "not an object";
        }
        for (String field : List.of("name", "full_name", "clone_url")) {
            if (n.get(field) == null || !n.get(field).isTextual()) {
                return field + " is missing or not a string";
            }
        }
        for (String field : List.of("tags", "branches")) {
            JsonNode list = n.get(field);
            if (list == null || !list.isArray()) {
                return field + " is missing or not a list";
            }
            for (JsonNode item : list) {
                if (!item.isTextual()) {
                    return field + " holds a non-string";
                }
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>(list.size());
        list.forEach(item -> out.add(item.asText()));
        return out;
    }

    @Override
    public void replace(String organisation, Map<String, ProjectEntry> entries) {
        ObjectNode root = JSON.createObjectNode();
        entries.values().stream().sorted(java.util.Comparator.comparing(ProjectEntry::fullName))
                .forEach(e -> root.set(e.fullName(), node(e)));
        String key = key(organisation);
        String fresh = key + ":new:" + UUID.randomUUID();
        call("SET", fresh, root.toString());
        try {
            call("RENAME", fresh, key);
        } catch (ProjectIndexUnavailableException e) {
            try {
                call("DEL", fresh);
            } catch (ProjectIndexUnavailableException ignored) {
                LOG.debugf("could not remove %s", fresh);
            }
            throw e;
        }
    }

    @Override
    public void put(String organisation, ProjectEntry entry) {
        // read, change, write: a cacher run replacing the index at the same moment may win, and its next run
        // brings the entry back (the repository's updated_at changed with the push)
        Response value = call("GET", key(organisation));
        ObjectNode root = JSON.createObjectNode();
        if (value != null) {
            try {
                JsonNode old = JSON.readTree(value.toString());
                if (old != null && old.isObject()) {
                    root = (ObjectNode) old;
                }
            } catch (JsonProcessingException e) {
                onMalformed.accept(organisation, "the index is not JSON; rewritten with one entry");
            }
        }
        root.set(entry.fullName(), node(entry));
        call("SET", key(organisation), root.toString());
    }

    private static ObjectNode node(ProjectEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", e.name());
        n.put("full_name", e.fullName());
        n.put("clone_url", e.cloneUrl());
        ArrayNode tags = n.putArray("tags");
        e.tags().forEach(tags::add);
        ArrayNode branches = n.putArray("branches");
        e.branches().forEach(branches::add);
        if (e.updatedAt() == null) {
            n.putNull("updated_at");
        } else {
            n.put("updated_at", e.updatedAt());
        }
        return n;
    }

    @Override
    public boolean tryLock(String name, String holder, Duration ttl) {
        Response r = call("SET", prefix + name, holder, "NX", "PX", Long.toString(Math.max(1, ttl.toMillis())));
        return r != null && "OK".equals(r.toString());
    }

    @Override
    public void unlock(String name, String holder) {
        call("EVAL", UNLOCK, "1", prefix + name, holder);
    }

    private Response call(String command, String... args) {
        try {
            return redis.execute(command, args);
        } catch (RuntimeException e) {
            throw new ProjectIndexUnavailableException("Redis " + command + " failed: " + e.getMessage(), e);
        }
    }
}
