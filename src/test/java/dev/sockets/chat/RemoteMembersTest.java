package dev.sockets.chat;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteMembersTest {

	private final RemoteMembers members = new RemoteMembers();

	@Test
	void eventsKeepTrackOfWhoIsWhere() {
		this.members.joined("b", "#lobby", "bea", 1);
		this.members.joined("c", "#dev", "cy", 1);
		this.members.renamed("b", "bea", "beatrice", 2);
		assertThat(this.members.find("BEATRICE")).hasValueSatisfying((member) -> {
			assertThat(member.nickname()).isEqualTo("beatrice");
			assertThat(member.room()).isEqualTo("#lobby");
		});
		assertThat(this.members.find("bea")).isEmpty();
		assertThat(this.members.namesIn("#dev")).containsExactly("cy");
		assertThat(this.members.roomSizes()).containsExactly(java.util.Map.entry("#dev", 1),
				java.util.Map.entry("#lobby", 1));
		this.members.left("c", "cy", 3);
		assertThat(this.members.members()).isEqualTo(1);
		assertThat(this.members.instances()).isEqualTo(2);
	}

	@Test
	void presenceReplacesWhatWasKnownOfAnInstance() {
		this.members.joined("b", "#lobby", "old", 1);
		this.members.present("b", List.of(new ChatEvent.Present.Member("new", "#dev")), 2);
		assertThat(this.members.find("old")).isEmpty();
		assertThat(this.members.namesIn("#dev")).containsExactly("new");
	}

	@Test
	void instancesSilentSinceAMomentAreForgottenWithTheirUsers() {
		this.members.joined("b", "#lobby", "bea", 10);
		this.members.joined("c", "#lobby", "cy", 30);
		assertThat(this.members.expire(20)).extracting(RemoteMembers.RemoteMember::nickname).containsExactly("bea");
		assertThat(this.members.instances()).isEqualTo(1);
		this.members.clear();
		assertThat(this.members.members()).isZero();
	}

}
