/** The details of a card as text, for the citizen to review ("Kiểm tra thông tin"). */
import type { CardInputT } from "../../../shared/schemas";
import { displayDate } from "../i18n/dates";
import { tFlows } from "../i18n/flows";

export function CardFacts({ card }: { card: CardInputT }) {
  const c = tFlows().card;
  const rows: Array<[string, string]> = [
    [c.id, card.id],
    [c.oldId, card.oldId || c.none],
    [c.fullName, card.fullName],
    [c.dob, displayDate(card.dob)],
    [c.gender, card.gender],
    [c.address, card.address],
    [c.issued, displayDate(card.issued)],
  ];
  if (card.cardType) rows.push([c.cardType, c.cardTypes[card.cardType]]);
  return (
    <dl class="facts card-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
