// Progressive enhancement for the assessment form: as each MACA-YC18 or PANOC-YC20 answer is
// chosen, the totals (and, once every question is answered, the bands and anything to look at)
// are written into the questionnaire's aria-live region, in the same words the server writes
// after saving. Without this script the form works the same; the totals appear on save.

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function rangeLabel(ranges, subscale, score) {
  const r = ranges.find((b) => b.subscale === subscale && score >= b.min && score <= b.max);
  return r ? r.label : '';
}

function render(region, scoring, answers) {
  const answered = answers.filter((a) => a !== null).length;
  const complete = answered === scoring.items;
  const total = answers.reduce((sum, a) => sum + (a ?? 0), 0);
  const subscaleScore = (s) => s.items.reduce((sum, n) => sum + (answers[n - 1] ?? 0), 0);

  const summary = el('p', 'govuk-body govuk-!-margin-bottom-2');
  summary.append(el('strong', '', scoring.title));
  let text = `: ${answered} of ${scoring.items} questions answered.`;
  if (answered > 0) {
    text += ` Total ${total} out of ${scoring.max}.`;
    if (complete) {
      const band = rangeLabel(scoring.bands, '', total);
      if (band) text += ` ${band}.`;
    }
  }
  summary.append(document.createTextNode(text));
  const parts = [summary];

  if (answered > 0 && scoring.subscales.length > 0) {
    const list = el('ul', 'govuk-list govuk-!-margin-bottom-2');
    for (const s of scoring.subscales) {
      const score = subscaleScore(s);
      let line = `${s.label}: ${score}`;
      if (complete) {
        const band = rangeLabel(scoring.bands, s.id, score);
        if (band) line += ` (${band})`;
      }
      list.append(el('li', '', line));
    }
    parts.push(list);
  }
  if (complete) {
    for (const flag of scoring.flags) {
      const sub = scoring.subscales.find((s) => s.id === flag.subscale);
      const score = flag.subscale ? (sub ? subscaleScore(sub) : 0) : total;
      if (score >= flag.min && score <= flag.max)
        parts.push(el('p', 'govuk-body govuk-!-font-weight-bold', `Look at this: ${flag.label}`));
    }
  }
  region.replaceChildren(...parts);
}

for (const region of document.querySelectorAll('[data-ycr-score-for]')) {
  const key = region.dataset.ycrScoreFor;
  const questionnaire = document.querySelector(`[data-ycr-measure="${key}"]`);
  let scoring;
  try {
    scoring = JSON.parse(region.dataset.ycrScoring);
  } catch {
    continue;
  }
  if (!questionnaire || !scoring) continue;
  const update = () => {
    const answers = [];
    for (let n = 1; n <= scoring.items; n++) {
      const chosen = questionnaire.querySelector(`input[name="${key}-${n}"]:checked`);
      answers.push(chosen ? Number(chosen.value) : null);
    }
    render(region, scoring, answers);
  };
  questionnaire.addEventListener('change', update);
}
