package org.albs.adapter.in.mqtt;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.albs.domain.sources.GitPush;

/** Reads a Gitea push webhook payload ({@code ref}, {@code after}, {@code repository.full_name/clone_url}). */
final class GiteaPushEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GiteaPushEvents() {
    }

    /** The push, or IllegalArgumentException saying what is wrong with the payload. */
    static GitPush parse(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode repo = root.path("repository");
        return new GitPush(text(repo, "full_name"), text(repo, "clone_url"), text(root, "ref"),
                text(root, "after"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
