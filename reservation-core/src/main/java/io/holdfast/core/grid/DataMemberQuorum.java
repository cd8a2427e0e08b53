package io.holdfast.core.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionFunction;
import java.util.Collection;

/**
 * Split-brain protection that counts only data members: edges and workers are lite members,
 * and a side of a split made of one member and every edge must still refuse to sell.
 */
final class DataMemberQuorum implements SplitBrainProtectionFunction {
  private final int quorum;

  DataMemberQuorum(int quorum) {
    this.quorum = quorum;
  }

  @Override
  public boolean apply(Collection<Member> members) {
    return members.stream().filter(m -> !m.isLiteMember()).count() >= quorum;
  }
}
