package dev.sockets.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;

import dev.sockets.chat.ChatEvent;
import dev.sockets.chat.ChatService;
import dev.sockets.chat.Deliveries;
import dev.sockets.chat.ModerationStore;
import dev.sockets.limits.ThrottledLog;

/**
 * This instance's link to the rest of the chat cluster. At every heartbeat it publishes
 * who is here; the link is up while that heartbeat comes back through the subscription,
 * which proves both directions work. When the link goes down every user here is told
 * once, events stop being published (and are counted as dropped), and the chat goes on
 * locally; when it comes back the users are told, nickname claims are renewed, and
 * presence flows again.
 */
public final class ClusterLink implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterLink.class);

	/**
	 * After the listeners have stopped (and the chat said goodbye), before Spring
	 * Integration's endpoints stop.
	 */
	static final int PHASE = Integer.MAX_VALUE - 2000;

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * The state of the link.
	 */
	public enum State {

		/** Started, and no heartbeat has come back yet. */
		CONNECTING,

		/** Heartbeats come back. */
		UP,

		/** Heartbeats stopped coming back, or publishing failed. */
		DOWN

	}

	private final ChatService chat;

	private final RedisChatCluster cluster;

	private final ChatEventCodec codec;

	private final Deliveries deliveries;

	private final ExecutorService publishing;

	/** The subscription to the other instances' events. */
	private final Lifecycle subscription;

	private final RedisClusterProperties settings;

	private final ClusterTraffic traffic;

	/** Where the rooms' operators, bans and mutes are read from on joining. */
	private final ModerationStore moderation;

	private final ThrottledLog warnings = new ThrottledLog(logger);

	/** How long the link stays up without a heartbeat coming back. */
	private final long echoDeadlineNanos;

	private volatile ScheduledExecutorService heart;

	private volatile State state = State.CONNECTING;

	private volatile Instant since = Instant.now();

	private volatile String problem = "no heartbeat has come back yet";

	private volatile long startedAt;

	private volatile long lastEcho;

	private final CountDownLatch joined = new CountDownLatch(1);

	/** The instances alive when this one joined, whose presence it waits for. */
	private final Set<String> awaited = ConcurrentHashMap.newKeySet();

	/** The instances whose presence has arrived since this one joined. */
	private final Set<String> heard = ConcurrentHashMap.newKeySet();

	private volatile boolean asked;

	/** When the subscription was last made, in nanoseconds. */
	private volatile long subscribedAt;

	private volatile String joinProblem;

	ClusterLink(ChatService chat, RedisChatCluster cluster, ChatEventCodec codec, Deliveries deliveries,
			ExecutorService publishing, Lifecycle subscription, RedisClusterProperties settings, ClusterTraffic traffic,
			ModerationStore moderation) {
		this.moderation = moderation;
		this.chat = chat;
		this.cluster = cluster;
		this.codec = codec;
		this.deliveries = deliveries;
		this.publishing = publishing;
		this.subscription = subscription;
		this.settings = settings;
		this.traffic = traffic;
		this.echoDeadlineNanos = settings.heartbeat().multipliedBy(2).plusSeconds(1).toNanos();
	}

	/**
	 * @return this instance's name in the cluster
	 */
	public String instanceId() {
		return this.cluster.instanceId();
	}

	public State state() {
		return this.state;
	}

	/**
	 * @return when the link entered its state
	 */
	public Instant since() {
		return this.since;
	}

	/**
	 * @return why the link is not up, or null when it is
	 */
	public String problem() {
		return this.problem;
	}

	/**
	 * @return what went over the link
	 */
	public ClusterTraffic traffic() {
		return this.traffic;
	}

	/**
	 * @return the number of other instances heard from
	 */
	public int otherInstances() {
		return this.chat.otherInstances();
	}

	/**
	 * @return the number of users on other instances
	 */
	public int usersElsewhere() {
		return this.chat.usersElsewhere();
	}

	/**
	 * A message arrived on the cluster's channel: this instance's users hear what it
	 * tells.
	 */
	void received(String text) {
		ClusterMessage message;
		try {
			message = this.codec.decode(text);
		}
		catch (IllegalArgumentException ex) {
			this.traffic.dropped("unreadable");
			this.warnings.warn("unreadable",
					() -> "chat cluster: ignored a message that is not a chat event of version "
							+ ChatEventCodec.VERSION + ": " + ex.getMessage());
			return;
		}
		if (message.origin().equals(this.cluster.instanceId())) {
			if (message.event() instanceof ChatEvent.Present) {
				this.lastEcho = System.nanoTime();
			}
			return;
		}
		this.traffic.received();
		this.chat.apply(message.origin(), message.event(), this.deliveries);
		if (message.event() instanceof ChatEvent.Present) {
			if (message.asking()) {
				// Another instance joins: it hears who is here now, not at the next
				// heartbeat.
				this.chat.present(this.cluster::heartbeat);
			}
			this.heard.add(message.origin());
			checkJoined();
		}
	}

	/**
	 * Whether an event that waited to be published still is: not if the link went down
	 * since it was queued, even if it is up again (a Redis that hangs holds the queue up
	 * until then), since an event delivered late is worse than one dropped and counted.
	 * Presence always goes: its coming back is what brings the link up again.
	 */
	boolean stillToBePublished(Message<?> queued) {
		ClusterMessage message = (ClusterMessage) queued.getPayload();
		Long mark = queued.getHeaders().get(LinkEpoch.MARK, Long.class);
		if (message.event() instanceof ChatEvent.Present || (mark != null && this.cluster.current(mark))) {
			return true;
		}
		this.traffic.dropped("disconnected");
		return false;
	}

	/**
	 * Publishing an event failed: Redis is gone, or refused it.
	 */
	void publishFailed(Throwable failure) {
		synchronized (this) {
			if (this.state == State.UP) {
				down("publishing failed: " + failure.getMessage());
			}
		}
	}

	/**
	 * Waits until this instance has joined the cluster: its heartbeat comes back and
	 * every instance alive when it joined has told who is on it.
	 * @param timeout how long to wait; after it the chat is served as it is, alone if the
	 * link does not work yet, and joins when it can
	 */
	public void awaitJoined(Duration timeout) {
		try {
			if (this.joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Set<String> silent = new HashSet<>(this.awaited);
		silent.removeAll(this.heard);
		this.joinProblem = (this.state != State.UP)
				? "serving alone: the link did not work within " + timeout.toSeconds() + " s; it joins when it does"
				: "joined without the presence of " + String.join(", ", silent) + ", silent since "
						+ timeout.toSeconds() + " s";
		logger.warn("Chat cluster: " + this.joinProblem);
	}

	/**
	 * @return whether this instance has joined the cluster
	 */
	public boolean joined() {
		return this.joined.getCount() == 0;
	}

	/**
	 * @return why serving began before this instance had joined, or null if it had
	 */
	public String joinProblem() {
		return joined() ? null : this.joinProblem;
	}

	private void checkJoined() {
		if (this.joined.getCount() > 0 && this.asked && this.state == State.UP
				&& this.heard.containsAll(this.awaited)) {
			this.joined.countDown();
			this.joinProblem = null;
			logger.info("Chat cluster: joined, with " + this.awaited.size() + " other instances");
		}
	}

	private void beat() {
		try {
			subscribe();
			if (!this.asked) {
				ask();
			}
			else {
				this.chat.present(this.cluster::heartbeat);
			}
			this.cluster.register();
			boolean up;
			synchronized (this) {
				long now = System.nanoTime();
				boolean echoed = this.lastEcho != 0 && now - this.lastEcho < this.echoDeadlineNanos;
				if (this.state != State.UP && echoed) {
					up();
				}
				else if (this.state == State.UP && !echoed) {
					down("the heartbeat has not come back for " + Duration.ofNanos(this.echoDeadlineNanos).toSeconds()
							+ " s");
				}
				else if (this.state == State.CONNECTING && now - this.startedAt > this.echoDeadlineNanos) {
					down("no heartbeat has come back since startup");
				}
				up = this.state == State.UP;
			}
			checkJoined();
			if (up) {
				for (String taken : this.cluster.renew(this.chat.nicknames())) {
					this.chat.nicknameTaken(taken, this.deliveries);
				}
				this.chat.forgetSilentInstances(this.settings.presenceTtl().toNanos(), this.deliveries);
			}
		}
		catch (RuntimeException ex) {
			this.warnings.warn("heartbeat", () -> "chat cluster: heartbeat failed: " + ex.getMessage());
			synchronized (this) {
				if (this.state == State.UP) {
					down("Redis failed: " + ex.getMessage());
				}
				else if (this.state == State.CONNECTING
						&& System.nanoTime() - this.startedAt > this.echoDeadlineNanos) {
					down("Redis cannot be reached since startup: " + ex.getMessage());
				}
			}
		}
	}

	/**
	 * Makes the subscription, and makes it again while nothing comes back through it: one
	 * made while Redis could not be reached may never come to listen, and nothing, not
	 * even the heartbeat, comes back before it does.
	 */
	private void subscribe() {
		long now = System.nanoTime();
		boolean deaf = this.state != State.UP && this.lastEcho == 0 && now - this.subscribedAt > this.echoDeadlineNanos;
		if (this.subscription.isRunning() && !deaf) {
			return;
		}
		this.subscribedAt = now;
		if (this.subscription.isRunning()) {
			this.subscription.stop();
		}
		this.subscription.start();
	}

	/**
	 * Joins: learns which instances are alive, then publishes who is here asking them all
	 * for their own presence at once.
	 */
	private void ask() {
		// Before it serves: a ban decided while this instance was down holds here too.
		this.chat.restore(this.moderation.load());
		long alive = System.currentTimeMillis() - Duration.ofNanos(this.echoDeadlineNanos).toMillis();
		this.awaited.addAll(this.cluster.peers(alive));
		this.chat.present(this.cluster::join);
		this.asked = true;
	}

	/**
	 * The link works. Users who were told it was lost hear it is back; called holding
	 * this link's lock, so notices go out in the order the link changed.
	 */
	private void up() {
		boolean recovered = this.state == State.DOWN;
		become(State.UP, null);
		this.cluster.linked(true);
		if (recovered) {
			restore();
			this.chat.clusterRecovered(this.deliveries);
		}
		logger.info("Chat cluster link up: instance " + instanceId() + " on channel " + this.settings.channel());
	}

	/**
	 * Reads again what the other instances decided while the link was down.
	 */
	private void restore() {
		try {
			this.chat.restore(this.moderation.load());
		}
		catch (RuntimeException ex) {
			this.warnings.warn("moderation",
					() -> "chat cluster: cannot read moderation from Redis: " + ex.getMessage());
		}
	}

	private void down(String why) {
		become(State.DOWN, why);
		// Up again only on a heartbeat that comes back after this.
		this.lastEcho = 0;
		this.cluster.linked(false);
		this.chat.clusterLost(this.deliveries);
		logger.warn("Chat cluster link down: " + why);
	}

	private void become(State state, String problem) {
		this.state = state;
		this.problem = problem;
		this.since = Instant.now();
	}

	@Override
	public void start() {
		this.startedAt = System.nanoTime();
		this.since = Instant.now();
		ScheduledExecutorService heart = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chat-cluster-heartbeat").daemon().factory());
		long period = this.settings.heartbeat().toMillis();
		heart.scheduleWithFixedDelay(this::beat, 0, period, TimeUnit.MILLISECONDS);
		this.heart = heart;
	}

	/**
	 * Stops the heartbeat once the events already queued (the goodbyes of this instance's
	 * users among them) have been published, within a bounded time, and then drops what
	 * comes later.
	 */
	@Override
	public void stop() {
		ScheduledExecutorService heart = this.heart;
		if (heart == null) {
			return;
		}
		this.heart = null;
		try {
			// The goodbyes first, while the heart still beats: published after the last
			// beat, they could arrive when the others have already given this instance
			// up as lost, and say nothing.
			Future<?> queuedSoFar = this.publishing.submit(() -> {
			});
			queuedSoFar.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | RejectedExecutionException ex) {
			logger.warn(
					"Chat cluster: events queued at shutdown not published within " + DRAIN_TIMEOUT.toSeconds() + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			// A beat under way finishes: interrupting it would cut a Redis call and
			// report the link lost.
			heart.shutdown();
			heart.awaitTermination(this.settings.heartbeat().toMillis() + DRAIN_TIMEOUT.toMillis(),
					TimeUnit.MILLISECONDS);
			this.cluster.deregister();
			// From here on, what is published or released is dropped and counted, not
			// queued.
			this.cluster.linked(false);
			this.publishing.shutdown();
			if (!this.publishing.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Chat cluster: events still waiting to be published after " + DRAIN_TIMEOUT.toSeconds()
						+ " s were dropped");
				this.publishing.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.heart != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
