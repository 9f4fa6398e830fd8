'use client';

import { useRouter } from 'next/navigation';
import type { MouseEvent } from 'react';
import type { AssignmentResponse, Priority } from '@/lib/shared/enums';
import { PLAN_STATE_LABELS, PRIORITY_LABELS, RESPONSE_LABELS, type PlanState } from '@/lib/shared/planning';
import { useAssigneeActions } from './AssigneeActions';
import { LinkedArticle, type AssigneeFacts, type LinkedArticleFacts } from './StoryParts';

// خطة التغطية's cards, rendered by one client component from compact data (the page's PlanCard).
// Why not server components for the cards: the App Router sends a server-rendered tree twice, as
// HTML and again as its RSC payload, every element spelled out (620 KB beside 320 KB of HTML for
// 300 stories, bench/planning.ts), and parses that payload back to render the HTML. Here the
// payload is the cards' data once. Why not a component per card: each had its hooks and links to
// render and hydrate; cards are markup from one function, with one set of state for the assignee's
// buttons (useAssigneeActions) and one click handler for the links.

export type PlanCard = {
  id: number;
  headlineIdea: string;
  state: PlanState;
  priority: Priority;
  assigneeName: string | null;
  // Null when nobody holds the story.
  response: AssignmentResponse | null;
  declineReason: string | null;
  sectionName: string | null;
  // The deadline as an instant (ISO) and as the newsroom's clock reads it ("14:05").
  deadline: { iso: string; time: string } | null;
  wordTarget: number | null;
  article: LinkedArticleFacts | null;
  // Set on the viewer's own story while it is theirs to write.
  assignee: AssigneeFacts | null;
};

// A plain left click on a link to one of the desk's pages navigates client-side, as next/link's
// would, without a component (and a prefetch) for each of hundreds of links.
function deskLink(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  const href = link?.getAttribute('href');
  return link && !link.target && href?.startsWith('/newsroom/') ? href : null;
}

export function PlanList({ cards }: { cards: PlanCard[] }) {
  const router = useRouter();
  const actions = useAssigneeActions();
  return (
    <ol
      className="plan-list"
      aria-label="القصص المخطط لها"
      onClick={(event) => {
        const href = deskLink(event);
        if (!href) return;
        event.preventDefault();
        router.push(href);
      }}
    >
      {cards.map((card) => planCard(card, actions.buttons))}
    </ol>
  );
}

// One card: markup only (a function, not a component: nothing of its own to keep or hydrate).
function planCard(card: PlanCard, buttons: (facts: AssigneeFacts) => React.ReactNode) {
  const late = card.state === 'late';
  return (
    <li
      key={card.id}
      className={late ? 'plan-item late' : 'plan-item'}
      data-testid="planned-story"
      data-state={card.state}
    >
      <h3>
        <span className={`status state-${card.state}`}>{PLAN_STATE_LABELS[card.state]}</span>{' '}
        {card.priority === 'urgent' ? (
          <span className="priority-urgent">{PRIORITY_LABELS.urgent}: </span>
        ) : null}
        <a href={`/newsroom/plan/assignments/${card.id}`}>
          <bdi>{card.headlineIdea}</bdi>
        </a>
      </h3>
      <dl className="plan-meta">
        <div>
          <dt>المكلَّف:</dt>
          <dd>
            {card.assigneeName ? <bdi>{card.assigneeName}</bdi> : '—'}
            {card.response ? ` (${RESPONSE_LABELS[card.response]})` : ''}
          </dd>
        </div>
        <div>
          <dt>القسم:</dt>
          <dd>{card.sectionName ?? '—'}</dd>
        </div>
        <div>
          <dt>الموعد النهائي:</dt>
          <dd>{card.deadline ? <time dateTime={card.deadline.iso}>{card.deadline.time}</time> : '—'}</dd>
        </div>
        <div>
          <dt>عدد الكلمات المطلوب:</dt>
          <dd>{card.wordTarget ?? '—'}</dd>
        </div>
        <div>
          <dt>الأولوية:</dt>
          <dd>{PRIORITY_LABELS[card.priority]}</dd>
        </div>
        <LinkedArticle article={card.article} />
      </dl>
      {card.declineReason ? <p className="muted">سبب الاعتذار: {card.declineReason}</p> : null}
      {card.assignee ? buttons(card.assignee) : null}
    </li>
  );
}
