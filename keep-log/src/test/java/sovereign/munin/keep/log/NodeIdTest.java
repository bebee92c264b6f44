package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeIdTest {

    @Test
    void storedIndex_firstLeaves_followWriteOrder() {
        // Leaf 0; leaf 1 then node (1,0); leaf 2; leaf 3 then (1,1) then (2,0); leaf 4.
        List<NodeId> order = List.of(new NodeId(0, 0), new NodeId(0, 1), new NodeId(1, 0), new NodeId(0, 2),
                new NodeId(0, 3), new NodeId(1, 1), new NodeId(2, 0), new NodeId(0, 4));
        for (int i = 0; i < order.size(); i++) {
            assertThat(order.get(i).storedIndex()).as(order.get(i).toString()).isEqualTo(i);
        }
    }

    @Test
    void fromStoredIndex_everyIndexOfATree_roundTrips() {
        List<NodeId> seen = new ArrayList<>();
        for (long s = 0; s < NodeId.storedHashCount(1000); s++) {
            NodeId node = NodeId.fromStoredIndex(s);
            assertThat(node.storedIndex()).isEqualTo(s);
            seen.add(node);
        }
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void fromStoredIndex_largeIndexes_roundTrip() {
        for (NodeId node : List.of(new NodeId(0, NodeId.MAX_TREE_SIZE - 1), new NodeId(62, 0),
                new NodeId(30, 123_456_789L), new NodeId(7, (1L << 50) + 3))) {
            assertThat(NodeId.fromStoredIndex(node.storedIndex())).isEqualTo(node);
        }
    }

    @Test
    void storedHashCount_isTwiceSizeMinusSetBits() {
        assertThat(NodeId.storedHashCount(0)).isZero();
        assertThat(NodeId.storedHashCount(1)).isEqualTo(1);
        assertThat(NodeId.storedHashCount(4)).isEqualTo(7);
        assertThat(NodeId.storedHashCount(1_000_000)).isEqualTo(2_000_000 - Long.bitCount(1_000_000));
        assertThat(NodeId.storedHashCount(NodeId.MAX_TREE_SIZE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void constructor_nodeBeyondMaxTree_isRejected() {
        assertThatThrownBy(() -> new NodeId(0, NodeId.MAX_TREE_SIZE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeId(63, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeId(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
