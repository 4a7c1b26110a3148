"""The entities panel: entities grouped by kind, each with its number of events."""

from __future__ import annotations

from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from timeline_viewer.index import TimelineIndex
from timeline_viewer.tui.labels import entity_label, fixed, kind_label
from timeline_viewer.tui.messages import OpenEntity

# The panel is 32 cells wide: less its border, scrollbar and the guides of a leaf.
LABEL_WIDTH = 25


class EntityTree(Tree[str]):
    """Kinds as branches, entities as leaves; the node data is the entity id."""

    DEFAULT_CSS = """
    EntityTree { background: $surface; }
    """

    def __init__(
        self,
        index: TimelineIndex,
        *,
        current: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(fixed("Entities"), id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = True
        self._current: TreeNode[str] | None = None
        groups = index.entities_by_kind()
        if not groups:
            self.root.add_leaf(fixed("No entities", "dim italic"))
        for kind, members in groups.items():
            branch = self.root.add(kind_label(kind, len(members)), expand=True)
            for entity in members:
                label = entity_label(entity, index.event_count(entity.id), LABEL_WIDTH)
                leaf = branch.add_leaf(label, entity.id)
                if entity.id == current:
                    self._current = leaf
        self.root.expand()

    def on_mount(self) -> None:
        if self._current is not None:
            self.call_after_refresh(self.move_cursor, self._current, animate=False)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(OpenEntity(event.node.data))
