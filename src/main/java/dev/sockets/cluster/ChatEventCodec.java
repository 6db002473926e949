package dev.sockets.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.sockets.chat.ChatEvent;
import dev.sockets.chat.Restriction;

/**
 * Chat events as JSON on the wire, one object per message, version 1: <pre>
 * {"v":1,"origin":"sockets-0-3fa2","seq":42,"type":"said","room":"#lobby","nick":"alice","text":"hello"}
 * {"v":1,...,"type":"joined","room":"#lobby","nick":"alice"}
 * {"v":1,...,"type":"left","room":"#lobby","nick":"alice","notice":"alice left #lobby for #dev"}
 * {"v":1,...,"type":"renamed","room":"#lobby","from":"guest1","to":"alice"}
 * {"v":1,...,"type":"whispered","from":"alice","to":"bob","text":"psst"}
 * {"v":1,...,"type":"present","members":[{"nick":"alice","room":"#lobby"}]}
 * {"v":1,...,"type":"present","ask":true,"members":[]}
 * </pre> A reader ignores fields it does not know, so later versions can add some; a
 * message of another version or an unknown type is refused. Fields added since, each
 * written only where it says something, so that the messages of line users are the same
 * as before: <pre>
 * "said" and "whispered": "notice":true for an IRC NOTICE
 * "said": "action":true for an action (/me), the text following the nickname
 * "present": "away":{"bob":"lunch"} the users who are away, and why
 * and two types: {"type":"topic","room":"#dev","nick":"alice","text":"..."} (a topic set,
 * "" for cleared) and {"type":"away","nick":"bob","text":"lunch"} ("" for back)
 * "left": "how":"part"|"quit"|"offline", "rooms":["#a","#b"] (every room left, "room" being
 *         the first), "reason":"...", "for":"#dev" (the room it left for)
 * "renamed": "rooms":[...] (every room the user is in, "room" being the first, or "" for none)
 * "present": a user in several rooms is listed once per room; "roomless":["carol"] lists
 *         the users in no room
 * </pre> Moderation's events, and what it stores in Redis: <pre>
 * {"v":1,...,"type":"moderated","change":"added"|"removed"|"renewed"|"forgotten","actor":"alice",
 *  "kind":"operator"|"ban"|"mute","room":"#dev","subject":"10.0.0.0/8","by":"alice","reason":"spam",
 *  "until":1764547200000}
 * {"v":1,...,"type":"removal","nick":"bob","room":"#dev" (or "" to disconnect),"by":"alice","reason":"spam"}
 * {"v":1,...,"type":"kicked","room":"#dev","nick":"bob","by":"alice","reason":"spam"}
 * {"kind":"ban","room":"#dev","subject":"10.0.0.0/8","by":"alice","reason":"spam","until":1764547200000}
 * </pre>
 */
final class ChatEventCodec {

	static final int VERSION = 1;

	private final JsonMapper json = JsonMapper.builder().build();

	String encode(ClusterMessage message) {
		ObjectNode node = this.json.createObjectNode();
		node.put("v", VERSION);
		node.put("origin", message.origin());
		node.put("seq", message.sequence());
		switch (message.event()) {
			case ChatEvent.Said said -> {
				node.put("type", "said").put("room", said.room()).put("nick", said.nickname()).put("text", said.text());
				notice(node, said.notice());
				if (said.action()) {
					node.put("action", true);
				}
			}
			case ChatEvent.Joined joined ->
				node.put("type", "joined").put("room", joined.room()).put("nick", joined.nickname());
			case ChatEvent.Left left -> {
				node.put("type", "left")
					.put("room", left.room())
					.put("nick", left.nickname())
					.put("notice", left.notice());
				parting(node, left.parting());
			}
			case ChatEvent.Renamed renamed -> {
				node.put("type", "renamed")
					.put("room", renamed.room())
					.put("from", renamed.from())
					.put("to", renamed.to());
				if (!renamed.rooms().equals(roomsOf(renamed.room()))) {
					strings(node.putArray("rooms"), renamed.rooms());
				}
			}
			case ChatEvent.TopicChanged topic -> node.put("type", "topic")
				.put("room", topic.room())
				.put("nick", topic.nickname())
				.put("text", topic.text());
			case ChatEvent.Away away ->
				node.put("type", "away").put("nick", away.nickname()).put("text", away.message());
			case ChatEvent.Whispered whispered -> {
				node.put("type", "whispered")
					.put("from", whispered.from())
					.put("to", whispered.to())
					.put("text", whispered.text());
				notice(node, whispered.notice());
			}
			case ChatEvent.Moderated moderated -> {
				node.put("type", "moderated")
					.put("change", moderated.change().name().toLowerCase(Locale.ROOT))
					.put("actor", moderated.actor());
				restriction(node, moderated.restriction());
			}
			case ChatEvent.Removal removal -> node.put("type", "removal")
				.put("nick", removal.nickname())
				.put("room", removal.room())
				.put("by", removal.by())
				.put("reason", removal.reason());
			case ChatEvent.Kicked kicked -> node.put("type", "kicked")
				.put("room", kicked.room())
				.put("nick", kicked.nickname())
				.put("by", kicked.by())
				.put("reason", kicked.reason());
			case ChatEvent.Present present -> {
				if (message.asking()) {
					node.put("ask", true);
				}
				ArrayNode members = node.put("type", "present").putArray("members");
				List<String> roomless = new ArrayList<>();
				ObjectNode away = null;
				for (ChatEvent.Present.Member member : present.members()) {
					if (!member.away().isEmpty()) {
						away = (away != null) ? away : node.putObject("away");
						away.put(member.nickname(), member.away());
					}
					if (member.rooms().isEmpty()) {
						roomless.add(member.nickname());
					}
					for (String room : member.rooms()) {
						members.addObject().put("nick", member.nickname()).put("room", room);
					}
				}
				if (!roomless.isEmpty()) {
					strings(node.putArray("roomless"), roomless);
				}
			}
		}
		return this.json.writeValueAsString(node);
	}

	/**
	 * @throws IllegalArgumentException if the text is not a chat event this version
	 * understands
	 */
	ClusterMessage decode(String text) {
		JsonNode node;
		try {
			node = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage());
		}
		int version = node.path("v").asInt(-1);
		if (version != VERSION) {
			throw new IllegalArgumentException("version " + node.path("v") + ", not " + VERSION);
		}
		String type = field(node, "type");
		ChatEvent event = switch (type) {
			case "said" -> new ChatEvent.Said(field(node, "room"), field(node, "nick"), field(node, "text"),
					node.path("notice").asBoolean(false), node.path("action").asBoolean(false));
			case "topic" -> new ChatEvent.TopicChanged(field(node, "room"), field(node, "nick"), field(node, "text"));
			case "away" -> new ChatEvent.Away(field(node, "nick"), field(node, "text"));
			case "joined" -> new ChatEvent.Joined(field(node, "room"), field(node, "nick"));
			case "left" ->
				new ChatEvent.Left(field(node, "room"), field(node, "nick"), field(node, "notice"), parting(node));
			case "renamed" -> new ChatEvent.Renamed(field(node, "room"), field(node, "from"), field(node, "to"),
					node.has("rooms") ? strings(node.get("rooms")) : roomsOf(field(node, "room")));
			case "whispered" -> new ChatEvent.Whispered(field(node, "from"), field(node, "to"), field(node, "text"),
					node.path("notice").asBoolean(false));
			case "present" ->
				new ChatEvent.Present(members(node.path("members"), node.path("roomless"), node.path("away")));
			case "moderated" -> new ChatEvent.Moderated(restriction(node),
					ChatEvent.Moderated.Change.valueOf(upper(field(node, "change"))), field(node, "actor"));
			case "removal" -> new ChatEvent.Removal(field(node, "nick"), field(node, "room"), field(node, "by"),
					field(node, "reason"));
			case "kicked" -> new ChatEvent.Kicked(field(node, "room"), field(node, "nick"), field(node, "by"),
					field(node, "reason"));
			default -> throw new IllegalArgumentException("unknown type " + type);
		};
		return new ClusterMessage(field(node, "origin"), node.path("seq").asLong(0), event,
				node.path("ask").asBoolean(false));
	}

	/**
	 * @return a restriction as moderation stores it in Redis
	 */
	String encode(Restriction restriction) {
		ObjectNode node = this.json.createObjectNode();
		restriction(node, restriction);
		return this.json.writeValueAsString(node);
	}

	/**
	 * @throws IllegalArgumentException if the text is not a stored restriction
	 */
	Restriction decodeRestriction(String text) {
		try {
			return restriction(this.json.readTree(text));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage());
		}
	}

	private static void restriction(ObjectNode node, Restriction restriction) {
		node.put("kind", restriction.kind().name().toLowerCase(Locale.ROOT))
			.put("room", restriction.room())
			.put("subject", restriction.subject())
			.put("by", restriction.by())
			.put("reason", restriction.reason())
			.put("until", restriction.until());
	}

	private static Restriction restriction(JsonNode node) {
		JsonNode until = node.get("until");
		if (until == null || !until.isNumber()) {
			throw new IllegalArgumentException("no number field until");
		}
		return new Restriction(Restriction.Kind.valueOf(upper(field(node, "kind"))), field(node, "room"),
				field(node, "subject"), field(node, "by"), field(node, "reason"), until.asLong());
	}

	private static String upper(String name) {
		if (!name.matches("[a-z]+")) {
			throw new IllegalArgumentException("not a name: " + name);
		}
		return name.toUpperCase(Locale.ROOT);
	}

	private static void notice(ObjectNode node, boolean notice) {
		if (notice) {
			node.put("notice", true);
		}
	}

	private static void parting(ObjectNode node, ChatEvent.Left.Parting parting) {
		if (parting == null) {
			return;
		}
		node.put("how", parting.how().name().toLowerCase(Locale.ROOT));
		if (!parting.rooms().equals(roomsOf(node.get("room").asString()))) {
			strings(node.putArray("rooms"), parting.rooms());
		}
		if (!parting.reason().isEmpty()) {
			node.put("reason", parting.reason());
		}
		if (parting.destination() != null) {
			node.put("for", parting.destination());
		}
	}

	private static ChatEvent.Left.Parting parting(JsonNode node) {
		if (!node.has("how")) {
			return null;
		}
		ChatEvent.Left.How how = switch (field(node, "how")) {
			case "part" -> ChatEvent.Left.How.PART;
			case "quit" -> ChatEvent.Left.How.QUIT;
			case "offline" -> ChatEvent.Left.How.OFFLINE;
			default -> throw new IllegalArgumentException("unknown departure " + node.get("how"));
		};
		List<String> rooms = node.has("rooms") ? strings(node.get("rooms")) : roomsOf(field(node, "room"));
		String reason = node.has("reason") ? field(node, "reason") : "";
		return new ChatEvent.Left.Parting(how, rooms, reason, node.has("for") ? field(node, "for") : null);
	}

	/**
	 * @return the rooms a field for one room stands for when no list says more: that
	 * room, or none for empty
	 */
	private static List<String> roomsOf(String room) {
		return room.isEmpty() ? List.of() : List.of(room);
	}

	private static void strings(ArrayNode array, List<String> values) {
		values.forEach(array::add);
	}

	private static List<String> strings(JsonNode array) {
		if (!array.isArray()) {
			throw new IllegalArgumentException("not a list: " + array);
		}
		List<String> values = new ArrayList<>(array.size());
		for (JsonNode value : array) {
			if (!value.isString()) {
				throw new IllegalArgumentException("not text in a list: " + value);
			}
			values.add(value.asString());
		}
		return values;
	}

	/**
	 * Reads the users of a presence, merging the entries of a user in several rooms.
	 */
	private static List<ChatEvent.Present.Member> members(JsonNode array, JsonNode roomless, JsonNode away) {
		if (!array.isArray()) {
			throw new IllegalArgumentException("members is not a list");
		}
		Map<String, List<String>> rooms = new LinkedHashMap<>();
		for (JsonNode member : array) {
			rooms.computeIfAbsent(field(member, "nick"), (nickname) -> new ArrayList<>()).add(field(member, "room"));
		}
		if (!roomless.isMissingNode()) {
			strings(roomless).forEach((nickname) -> rooms.putIfAbsent(nickname, new ArrayList<>()));
		}
		List<ChatEvent.Present.Member> members = new ArrayList<>(rooms.size());
		rooms.forEach((nickname, in) -> members
			.add(new ChatEvent.Present.Member(nickname, in, away.isObject() ? away.path(nickname).asString("") : "")));
		return members;
	}

	private static String field(JsonNode node, String name) {
		JsonNode value = node.get(name);
		if (value == null || !value.isString()) {
			throw new IllegalArgumentException("no text field " + name);
		}
		return value.asString();
	}

}
