package dev.sockets.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;

import dev.sockets.limits.ThrottledLog;

/**
 * Where the rooms' history and topics meet Redis, off the chat's threads: writes one
 * after the other in the order made, never waited for, and reads on threads of their own,
 * answered later. A write that fails is logged, throttled, and lost; a read that cannot
 * be made fails.
 */
final class RoomWork {

	/**
	 * The end of a script that bounds the rooms it keeps: beyond ARGV[4] rooms in the
	 * sorted set KEYS[2], the lowest-scored go, each forgotten with a command of the
	 * caller's; answers how many went.
	 * @param forget the Lua statement that forgets a room named {@code room}
	 */
	static String evictBeyondMaxRooms(String forget) {
		return """
				local extra = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
				if extra > 0 then
				  local evicted = redis.call('ZPOPMIN', KEYS[2], extra)
				  for i = 1, #evicted, 2 do
				    local room = evicted[i]
				    %s
				  end
				  return extra
				end
				return 0
				""".formatted(forget);
	}

	private final Executor writes;

	private final Executor reads;

	private final ThrottledLog warnings;

	/**
	 * @param writes where writes are made, one at a time, in order
	 * @param reads where reads are made, never an I/O thread
	 */
	RoomWork(Executor writes, Executor reads, Log log) {
		this.writes = writes;
		this.reads = reads;
		this.warnings = new ThrottledLog(log);
	}

	/**
	 * @param what what is written, for the log: "a line", "a topic"
	 */
	void write(String what, Runnable write) {
		try {
			this.writes.execute(() -> {
				try {
					write.run();
				}
				catch (RuntimeException ex) {
					this.warnings.warn(what, () -> "chat: " + what + " not kept in Redis: " + ex.getMessage());
				}
			});
		}
		catch (RejectedExecutionException full) {
			this.warnings.warn(what, () -> "chat: " + what + " not kept, too much waiting for Redis");
		}
	}

	<T> CompletionStage<T> read(Supplier<T> read) {
		try {
			return CompletableFuture.supplyAsync(read, this.reads);
		}
		catch (RejectedExecutionException full) {
			return CompletableFuture.failedFuture(full);
		}
	}

}
