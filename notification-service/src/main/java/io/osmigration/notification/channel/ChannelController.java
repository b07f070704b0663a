package io.osmigration.notification.channel;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.Violation;
import io.osmigration.platform.web.ApiException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@Tag(name = "Channels", description = "Where notifications go: email recipients or DingTalk robots, and which events")
@RequestMapping("/api/v1/channels")
class ChannelController {

    private final ChannelStore store;
    private final Clock clock;

    ChannelController(ChannelStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "The channel (its secret is never returned)", useReturnTypeSchema = true)
    Mono<ResponseEntity<ChannelView>> create(@RequestBody ChannelRequest request) {
        List<Violation> violations = request.toDraft().violations();
        if (!violations.isEmpty()) {
            return Mono.error(ApiException.badRequest(String.join("; ", violations.stream()
                            .map(v -> v.field() + ": " + v.message()).toList()),
                    violations.stream().map(v -> new ApiException.FieldError(v.field(), v.message())).toList()));
        }
        Channel channel = request.toDraft().toChannel("ch-" + UUID.randomUUID(), clock.instant());
        return Mono.fromCallable(() -> {
            store.save(channel);
            return ResponseEntity.status(HttpStatus.CREATED).body(ChannelView.of(channel));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping
    Mono<List<ChannelView>> list() {
        return Mono.fromCallable(() -> store.all().stream().map(ChannelView::of).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/{id}")
    Mono<ChannelView> get(@PathVariable String id) {
        return Mono.fromCallable(() -> store.find(id).map(ChannelView::of)
                        .orElseThrow(() -> ApiException.notFound("Channel " + id)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
        return Mono.fromCallable(() -> {
            if (!store.delete(id)) {
                throw ApiException.notFound("Channel " + id);
            }
            return ResponseEntity.noContent().<Void>build();
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
