package com.ewallet.developer.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.service.SessionService;
import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.Hashes;
import com.ewallet.common.RandomIds;
import com.ewallet.developer.App;
import com.ewallet.developer.repository.AppRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Third-party apps: created and revoked by admins, identified on every /v1 request by their key. */
@ApplicationScoped
public class AppService {

    static final String KEY_PREFIX = "ak_";

    private final AppRepository apps;
    private final SessionService sessions;
    private final AppSecrets secrets;

    public AppService(AppRepository apps, SessionService sessions, AppSecrets secrets) {
        this.apps = apps;
        this.sessions = sessions;
        this.secrets = secrets;
    }

    /** An app with its key and secret in clear: they exist only in this answer (the key null on a rotation). */
    public record Shown(App app, String key, String secret) {
    }

    @WithTransaction
    public Uni<Shown> create(String name, long adminUserId) {
        String key = KEY_PREFIX + RandomIds.token() + RandomIds.token();
        String secret = secrets.newSecret();
        App app = new App();
        app.name = name.strip();
        app.keyHash = Hashes.sha256Hex(key);
        app.secretEnc = secrets.seal(secret);
        app.createdBy = adminUserId;
        app.createdAt = Clock.nowUtc();
        return apps.persist(app).invoke(a -> Log.infof("app %d created by user %d", a.id, adminUserId))
                .map(a -> new Shown(a, key, secret));
    }

    /** A new secret for the app; the old one stops decrypting at once. */
    @WithTransaction
    public Uni<Shown> rotateSecret(long id) {
        return apps.findById(id).map(app -> {
            if (app == null || app.revokedAt != null) {
                throw new ApiException(404, ErrorBody.of("no live app with this id.", "APP_NOT_FOUND"));
            }
            String secret = secrets.newSecret();
            app.secretEnc = secrets.seal(secret);
            Log.infof("secret of app %d rotated", id);
            return new Shown(app, null, secret);
        });
    }

    @WithSession
    public Uni<List<App>> list() {
        return apps.listNewestFirst();
    }

    /** Revokes the app and ends every wallet session it holds. */
    @WithTransaction
    public Uni<App> revoke(long id) {
        return apps.findById(id).flatMap(app -> {
            if (app == null) {
                throw new ApiException(404, ErrorBody.of("no app with this id.", "APP_NOT_FOUND"));
            }
            if (app.revokedAt != null) {
                return Uni.createFrom().item(app);
            }
            app.revokedAt = Clock.nowUtc();
            return sessions.revokeApp(id).invoke(n -> Log.infof("app %d revoked, %d sessions ended", id, n))
                    .replaceWith(app);
        });
    }

    /** The live app holding {@code key}; 401 for a missing, unknown or revoked key. */
    @WithSession
    public Uni<App> authenticate(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Uni.createFrom().failure(invalidKey());
        }
        return apps.findLiveByKeyHash(Hashes.sha256Hex(key)).map(app -> {
            if (app == null) {
                throw invalidKey();
            }
            return app;
        });
    }

    private static ApiException invalidKey() {
        return ApiException.of(401, "missing, unknown or revoked X-App-Key.", "APP_KEY_INVALID");
    }
}
