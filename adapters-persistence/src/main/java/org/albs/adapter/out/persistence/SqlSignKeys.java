package org.albs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.SignKeys;
import org.albs.domain.ConflictException;
import org.albs.domain.identity.UserId;
import org.albs.domain.signing.SignKey;

/** Sign keys in {@code sign_keys}, their platforms in {@code platform_sign_keys}. */
@ApplicationScoped
public class SqlSignKeys implements SignKeys {
    private static final String COLUMNS = "k.id, k.name, k.description, k.keyid, k.fingerprint, k.public_url,"
            + " k.inserted, k.active, k.archived, k.owner_id, k.is_community, k.product_name";

    private final Jdbc jdbc;

    public SqlSignKeys(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    private List<SignKey> select(String where, Jdbc.Args args) {
        record Row(long id, String name, String description, String keyid, String fingerprint, String publicUrl,
                   java.time.Instant inserted, boolean active, java.time.Instant archived, Long owner,
                   boolean community, String product) {
        }
        List<Row> rows = jdbc.query("SELECT " + COLUMNS + " FROM sign_keys k WHERE " + where, args,
                (ResultSet rs) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Jdbc.getInstant(rs, 7), rs.getBoolean(8),
                        Jdbc.getInstant(rs, 9), Jdbc.getLong(rs, 10), rs.getBoolean(11), rs.getString(12)));
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> platforms = new HashMap<>();
        jdbc.query("SELECT sign_key_id, platform_id FROM platform_sign_keys WHERE sign_key_id = ANY (:ids)"
                        + " ORDER BY platform_id", new Jdbc.Args().longs("ids", rows.stream().map(Row::id).toList()),
                rs -> platforms.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)));
        return rows.stream().map(r -> new SignKey(r.id(), r.name(), r.description(), r.keyid(), r.fingerprint(),
                r.publicUrl(), r.inserted(), r.active(), r.archived(), platforms.getOrDefault(r.id(), List.of()),
                r.owner() == null ? null : new UserId(r.owner()), r.community(), r.product())).toList();
    }

    @Override
    public long insert(SignKey key) {
        try {
            long id = jdbc.query("""
                    INSERT INTO sign_keys (name, description, keyid, fingerprint, public_url, inserted, active,
                                           archived, is_community, product_name, owner_id)
                    VALUES (:name, :description, :keyid, :fingerprint, :public_url, :inserted, :active, :archived,
                            :community, :product, :owner) RETURNING id""", args(key), rs -> rs.getLong(1)).get(0);
            writePlatforms(id, key.platformIds());
            return id;
        } catch (Jdbc.DatabaseException e) {
            throw clash(e, key);
        }
    }

    @Override
    public void update(SignKey key) {
        try {
            jdbc.update("""
                    UPDATE sign_keys SET name = :name, description = :description, keyid = :keyid,
                           fingerprint = :fingerprint, public_url = :public_url, inserted = :inserted,
                           active = :active, archived = :archived, is_community = :community,
                           product_name = :product, owner_id = :owner
                     WHERE id = :id""", args(key).lng("id", key.id()));
        } catch (Jdbc.DatabaseException e) {
            throw clash(e, key);
        }
        jdbc.update("DELETE FROM platform_sign_keys WHERE sign_key_id = :id", new Jdbc.Args().lng("id", key.id()));
        writePlatforms(key.id(), key.platformIds());
    }

    private static Jdbc.Args args(SignKey key) {
        return new Jdbc.Args().str("name", key.name()).str("description", key.description())
                .str("keyid", key.keyid()).str("fingerprint", key.fingerprint()).str("public_url", key.publicUrl())
                .time("inserted", key.inserted()).bool("active", key.active()).time("archived", key.archived())
                .bool("community", key.community()).str("product", key.productName())
                .lng("owner", key.owner() == null ? null : key.owner().value());
    }

    /** Two instances adding one key at once: the loser hears 409, as a sequential caller would. */
    private static RuntimeException clash(Jdbc.DatabaseException e, SignKey key) {
        if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
            return new ConflictException("Key with keyid " + key.keyid() + " or fingerprint " + key.fingerprint()
                    + " already exists");
        }
        return e;
    }

    private void writePlatforms(long id, List<Long> platformIds) {
        if (!platformIds.isEmpty()) {
            jdbc.update("INSERT INTO platform_sign_keys (sign_key_id, platform_id) SELECT :id, unnest(:platforms)"
                            + " ON CONFLICT DO NOTHING",
                    new Jdbc.Args().lng("id", id).longs("platforms", new LinkedHashSet<>(platformIds)));
        }
    }

    @Override
    public Optional<SignKey> find(long id) {
        return select("k.id = :id", new Jdbc.Args().lng("id", id)).stream().findFirst();
    }

    @Override
    public Optional<SignKey> findClash(String keyid, String fingerprint, long exceptId) {
        return select("(k.keyid = :keyid OR k.fingerprint = :fingerprint) AND k.id <> :except ORDER BY k.id",
                new Jdbc.Args().str("keyid", keyid).str("fingerprint", fingerprint).lng("except", exceptId))
                .stream().findFirst();
    }

    @Override
    public List<SignKey> all() {
        return select("TRUE ORDER BY NOT k.active, k.id", new Jdbc.Args());
    }

    @Override
    public List<SignKey> lockActiveOfProduct(String productName) {
        return select("k.product_name = :product AND k.active ORDER BY k.id FOR UPDATE",
                new Jdbc.Args().str("product", productName));
    }

    @Override
    public List<Long> missingPlatforms(Collection<Long> platformIds) {
        if (platformIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT x FROM unnest(:ids) AS x WHERE NOT EXISTS (SELECT 1 FROM platforms p WHERE p.id = x)"
                + " ORDER BY x", new Jdbc.Args().longs("ids", new LinkedHashSet<>(platformIds)), rs -> rs.getLong(1));
    }
}
