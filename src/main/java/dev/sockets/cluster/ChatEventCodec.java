package dev.sockets.cluster;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.sockets.chat.ChatEvent;

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
 * message of another version or an unknown type is refused.
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
			case ChatEvent.Said said ->
				node.put("type", "said").put("room", said.room()).put("nick", said.nickname()).put("text", said.text());
			case ChatEvent.Joined joined ->
				node.put("type", "joined").put("room", joined.room()).put("nick", joined.nickname());
			case ChatEvent.Left left -> node.put("type", "left")
				.put("room", left.room())
				.put("nick", left.nickname())
				.put("notice", left.notice());
			case ChatEvent.Renamed renamed -> node.put("type", "renamed")
				.put("room", renamed.room())
				.put("from", renamed.from())
				.put("to", renamed.to());
			case ChatEvent.Whispered whispered -> node.put("type", "whispered")
				.put("from", whispered.from())
				.put("to", whispered.to())
				.put("text", whispered.text());
			case ChatEvent.Present present -> {
				if (message.asking()) {
					node.put("ask", true);
				}
				ArrayNode members = node.put("type", "present").putArray("members");
				for (ChatEvent.Present.Member member : present.members()) {
					members.addObject().put("nick", member.nickname()).put("room", member.room());
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
			case "said" -> new ChatEvent.Said(field(node, "room"), field(node, "nick"), field(node, "text"));
			case "joined" -> new ChatEvent.Joined(field(node, "room"), field(node, "nick"));
			case "left" -> new ChatEvent.Left(field(node, "room"), field(node, "nick"), field(node, "notice"));
			case "renamed" -> new ChatEvent.Renamed(field(node, "room"), field(node, "from"), field(node, "to"));
			case "whispered" -> new ChatEvent.Whispered(field(node, "from"), field(node, "to"), field(node, "text"));
			case "present" -> new ChatEvent.Present(members(node.path("members")));
			default -> throw new IllegalArgumentException("unknown type " + type);
		};
		return new ClusterMessage(field(node, "origin"), node.path("seq").asLong(0), event,
				node.path("ask").asBoolean(false));
	}

	private static List<ChatEvent.Present.Member> members(JsonNode array) {
		if (!array.isArray()) {
			throw new IllegalArgumentException("members is not a list");
		}
		List<ChatEvent.Present.Member> members = new ArrayList<>(array.size());
		for (JsonNode member : array) {
			members.add(new ChatEvent.Present.Member(field(member, "nick"), field(member, "room")));
		}
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
