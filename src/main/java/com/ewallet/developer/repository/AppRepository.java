package com.ewallet.developer.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.developer.App;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class AppRepository implements PanacheRepository<App> {

    /** The live app whose key hashes to {@code keyHash}, or null. */
    public Uni<App> findLiveByKeyHash(String keyHash) {
        return find("keyHash = ?1 and revokedAt is null", keyHash).firstResult();
    }

    public Uni<List<App>> listNewestFirst() {
        return find("order by id desc").list();
    }
}
