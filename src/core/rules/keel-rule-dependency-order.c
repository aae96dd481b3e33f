/* keel-rule-dependency-order.c: work follows its dependencies.
 *
 * One finding per live item that (in this order of precedence) depends on itself, sits
 * on a dependency cycle, is in progress or done while something it depends on is not
 * done, or sits in an earlier horizon than something it depends on. Dropped items are
 * not part of the plan any more, so a dependency on one is no dependency at all and no
 * cycle runs through one.
 *
 * Cycles are found with Tarjan's strongly connected components, written iteratively so
 * that a long dependency chain cannot overflow the stack; the whole rule is linear in
 * items plus dependencies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "keel-checks"

#include "config.h"

#include <glib/gi18n.h>

#include "keel-rules-private.h"

/* The live dependencies as a compressed adjacency list over item indexes. */
typedef struct
{
  guint  n;
  guint *start;   /* n + 1 offsets into edges */
  guint *edges;
} Graph;

static void
graph_build (KeelCheckContext *context,
             Graph            *graph)
{
  GPtrArray *items = context->items;
  guint n_edges = 0;

  graph->n = items->len;
  graph->start = g_new (guint, items->len + 1);

  for (guint i = 0; i < items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (items, i);
      if (keel_item_is_live (item))
        n_edges += item->depends_on->len;
    }
  graph->edges = g_new (guint, MAX (n_edges, 1));

  n_edges = 0;
  for (guint i = 0; i < items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (items, i);

      graph->start[i] = n_edges;
      if (!keel_item_is_live (item))
        continue;

      for (guint d = 0; d < item->depends_on->len; d++)
        {
          gint64 j = keel_check_context_item_index (context, g_ptr_array_index (item->depends_on, d));
          if (j >= 0 && keel_item_is_live (g_ptr_array_index (items, j)))
            graph->edges[n_edges++] = (guint) j;
        }
    }
  graph->start[items->len] = n_edges;
}

static void
graph_clear (Graph *graph)
{
  g_free (graph->start);
  g_free (graph->edges);
}

/* Tarjan's algorithm without recursion. Fills @component (the component id of each
 * node) and @component_size (indexed by component id). */
static void
strongly_connected (const Graph *graph,
                    guint       *component,
                    guint       *component_size)
{
  const guint unvisited = G_MAXUINT;
  guint n = graph->n;
  g_autofree guint *index = g_new (guint, n);
  g_autofree guint *low = g_new (guint, n);
  g_autofree gboolean *on_stack = g_new0 (gboolean, n);
  g_autofree guint *stack = g_new (guint, n);
  g_autofree guint *frame_node = g_new (guint, n);
  g_autofree guint *frame_edge = g_new (guint, n);
  guint counter = 0, n_components = 0, sp = 0;

  for (guint v = 0; v < n; v++)
    index[v] = unvisited;

  for (guint root = 0; root < n; root++)
    {
      guint depth = 0;

      if (index[root] != unvisited)
        continue;

      index[root] = low[root] = counter++;
      stack[sp++] = root;
      on_stack[root] = TRUE;
      frame_node[0] = root;
      frame_edge[0] = graph->start[root];
      depth = 1;

      while (depth > 0)
        {
          guint u = frame_node[depth - 1];

          if (frame_edge[depth - 1] < graph->start[u + 1])
            {
              guint w = graph->edges[frame_edge[depth - 1]++];

              if (index[w] == unvisited)
                {
                  index[w] = low[w] = counter++;
                  stack[sp++] = w;
                  on_stack[w] = TRUE;
                  frame_node[depth] = w;
                  frame_edge[depth] = graph->start[w];
                  depth++;
                }
              else if (on_stack[w])
                low[u] = MIN (low[u], index[w]);
              continue;
            }

          if (low[u] == index[u])
            {
              guint w, size = 0;

              do
                {
                  w = stack[--sp];
                  on_stack[w] = FALSE;
                  component[w] = n_components;
                  size++;
                }
              while (w != u);
              component_size[n_components++] = size;
            }

          depth--;
          if (depth > 0)
            {
              guint parent = frame_node[depth - 1];
              low[parent] = MIN (low[parent], low[u]);
            }
        }
    }
}

static void
report_cycle (KeelCheckContext   *context,
              const KeelRuleInfo *rule,
              KeelItem           *item,
              KeelItem           *next,
              guint               size)
{
  if (next == item)
    {
      keel_check_emit (context, rule, KEEL_SUBJECT_ITEM, item->id, item->title,
                       g_strdup_printf (_("“%s” depends on itself."), item->title),
                       g_strdup_printf (_("Remove “%s” from its own dependencies."), item->title));
    }
  else if (size == 2)
    {
      keel_check_emit (context, rule, KEEL_SUBJECT_ITEM, item->id, item->title,
                       g_strdup_printf (_("“%s” and “%s” depend on each other, so neither can start first."),
                                        item->title, next->title),
                       g_strdup_printf (_("Decide which comes first and remove the other dependency: “%s” on “%s”, or “%s” on “%s”."),
                                        item->title, next->title, next->title, item->title));
    }
  else
    {
      keel_check_emit (context, rule, KEEL_SUBJECT_ITEM, item->id, item->title,
                       /* Translators: the first %s is an item, %u the number of items on the cycle. */
                       g_strdup_printf (ngettext ("“%s” is on a dependency cycle among %u item: it depends on “%s”, which leads back to it.",
                                                  "“%s” is on a dependency cycle among %u items: it depends on “%s”, which leads back to it.",
                                                  size),
                                        item->title, size, next->title),
                       g_strdup (_("Remove one dependency of the cycle so the work can start somewhere.")));
    }
}

static void
report_unfinished (KeelCheckContext   *context,
                   const KeelRuleInfo *rule,
                   KeelItem           *item,
                   KeelItem           *first,
                   guint               n_unfinished)
{
  g_autofree char *message = NULL;

  if (n_unfinished == 1)
    message = g_strdup_printf (item->status == KEEL_STATUS_DONE
                               ? _("“%s” is done while “%s”, which it depends on, is not done.")
                               : _("“%s” is in progress while “%s”, which it depends on, is not done."),
                               item->title, first->title);
  else if (item->status == KEEL_STATUS_DONE)
    message = g_strdup_printf (ngettext ("“%s” is done while “%s” and %u other item it depends on are not done.",
                                         "“%s” is done while “%s” and %u other items it depends on are not done.",
                                         n_unfinished - 1),
                               item->title, first->title, n_unfinished - 1);
  else
    message = g_strdup_printf (ngettext ("“%s” is in progress while “%s” and %u other item it depends on are not done.",
                                         "“%s” is in progress while “%s” and %u other items it depends on are not done.",
                                         n_unfinished - 1),
                               item->title, first->title, n_unfinished - 1);

  keel_check_emit (context, rule, KEEL_SUBJECT_ITEM, item->id, item->title,
                   g_steal_pointer (&message),
                   item->status == KEEL_STATUS_DONE
                   ? g_strdup_printf (_("Finish “%s” too, or remove the dependency if “%s” did not need it after all."),
                                      first->title, item->title)
                   : g_strdup_printf (_("Finish “%s” first, or move “%s” back to Planned until it is done."),
                                      first->title, item->title));
}

static void
report_horizon (KeelCheckContext   *context,
                const KeelRuleInfo *rule,
                KeelItem           *item,
                KeelItem           *later)
{
  keel_check_emit (context, rule, KEEL_SUBJECT_ITEM, item->id, item->title,
                   /* Translators: "“Sharded storage” is in Now but depends on “Read replicas”, which is in Later." */
                   g_strdup_printf (_("“%s” is in %s but depends on “%s”, which is in %s."),
                                    item->title, keel_horizon_to_label (item->horizon),
                                    later->title, keel_horizon_to_label (later->horizon)),
                   g_strdup_printf (_("Move “%s” to %s, or move “%s” to %s."),
                                    later->title, keel_horizon_to_label (item->horizon),
                                    item->title, keel_horizon_to_label (later->horizon)));
}

void
keel_rule_dependency_order (KeelCheckContext   *context,
                            const KeelRuleInfo *rule)
{
  GPtrArray *items = context->items;
  Graph graph = { 0, };
  g_autofree guint *component = NULL;
  g_autofree guint *component_size = NULL;

  if (items->len == 0)
    return;

  graph_build (context, &graph);
  component = g_new (guint, items->len);
  component_size = g_new (guint, items->len);
  strongly_connected (&graph, component, component_size);

  for (guint i = 0; i < items->len; i++)
    {
      KeelItem *item = g_ptr_array_index (items, i);
      KeelItem *self_loop = NULL, *on_cycle = NULL, *unfinished = NULL, *later = NULL;
      guint n_unfinished = 0;

      if (!keel_item_is_live (item))
        continue;

      /* The edges are in the item's own order of dependencies, so "the first" below is
       * the first the user listed. */
      for (guint e = graph.start[i]; e < graph.start[i + 1]; e++)
        {
          guint j = graph.edges[e];
          KeelItem *dependency = g_ptr_array_index (items, j);

          if (j == i)
            self_loop = item;
          else if (on_cycle == NULL && component[j] == component[i])
            on_cycle = dependency;

          if ((item->status == KEEL_STATUS_IN_PROGRESS || item->status == KEEL_STATUS_DONE) &&
              dependency->status != KEEL_STATUS_DONE)
            {
              if (unfinished == NULL)
                unfinished = dependency;
              n_unfinished++;
            }

          if (later == NULL && item->horizon < dependency->horizon)
            later = dependency;
        }

      if (self_loop != NULL)
        report_cycle (context, rule, item, item, 1);
      else if (on_cycle != NULL)
        report_cycle (context, rule, item, on_cycle, component_size[component[i]]);
      else if (unfinished != NULL)
        report_unfinished (context, rule, item, unfinished, n_unfinished);
      else if (later != NULL)
        report_horizon (context, rule, item, later);
    }

  graph_clear (&graph);
}
