// The findings table of report.html: filter, sort and page the findings data in the browser.
// Every value in the data came from AWS and is untrusted: it reaches the page through textContent,
// title and value only, never through an API that parses HTML (a test keeps those out of this file).
// One file and one closure, longer than our usual file, on purpose: the report's CSP admits exactly
// this script by its hash, and nothing it holds is reachable from a global.
(function () {
  'use strict';

  const PAGE_SIZE = 100;
  // Worst first, for sorting by verdict: fail, error, not assessed, suppressed, skip, pass.
  const VERDICT_BADNESS = { fail: 5, error: 4, notAssessed: 3, suppressed: 2, skip: 1, pass: 0 };
  const FILTERS = ['customer', 'account', 'region', 'family', 'severity', 'verdict', 'rule'];
  const TEXT_COLUMNS = [['arn', 'arns'], ['message', 'messages'], ['rule', 'rules'], ['type', 'types'],
    ['account', 'accounts'], ['region', 'regions'], ['customer', 'customerNames']];
  const TABLE_OF = { rule: 'rules', family: 'families', arn: 'arns', type: 'types', account: 'accounts',
    region: 'regions', customer: 'customerNames', message: 'messages' };

  const data = JSON.parse(document.getElementById('findings-data').textContent);
  const rows = data.rows;
  const col = {};
  data.columns.forEach(function (name, i) { col[name] = i; });
  const verdictRank = data.verdicts.map(function (v) { return VERDICT_BADNESS[v] || 0; });
  const numbers = new Intl.NumberFormat('en-GB');

  const state = { filters: {}, text: '', sort: 'severity', direction: -1, page: 0, shown: [] };
  const ranks = {};
  const lowered = {};
  let rowsByArn = null;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function badge(kind, index) {
    const names = kind === 'sev' ? data.severities : data.verdicts;
    const labels = kind === 'sev' ? data.severityLabels : data.verdictLabels;
    return el('span', 'badge ' + kind + '-' + names[index], labels[index]);
  }

  function linkButton(text, attribute, value, title) {
    const button = el('button', 'link', text);
    button.type = 'button';
    button.setAttribute(attribute, String(value));
    if (title) { button.title = title; }
    return button;
  }

  function customerName(index) {
    return index < 0 ? '—' : data.customerNames[index];
  }

  // The rank of each entry of a string table in sorted order, so that sorting compares integers.
  function rankOf(tableName) {
    if (!ranks[tableName]) {
      const table = data[tableName];
      const order = table.map(function (_, i) { return i; });
      order.sort(function (a, b) { return table[a] < table[b] ? -1 : table[a] > table[b] ? 1 : 0; });
      const rank = new Int32Array(table.length);
      order.forEach(function (entry, position) { rank[entry] = position; });
      ranks[tableName] = rank;
    }
    return ranks[tableName];
  }

  function sortKey(row) {
    const value = row[col[state.sort]];
    if (state.sort === 'severity') { return value; }
    if (state.sort === 'verdict') { return verdictRank[value]; }
    return value < 0 ? -1 : rankOf(TABLE_OF[state.sort])[value];
  }

  // For free text: which entries of each string table contain the text, computed once per search.
  function textMatches(needle) {
    return TEXT_COLUMNS.map(function (pair) {
      if (!lowered[pair[1]]) {
        lowered[pair[1]] = data[pair[1]].map(function (s) { return s.toLowerCase(); });
      }
      return [col[pair[0]], lowered[pair[1]].map(function (s) { return s.indexOf(needle) >= 0; })];
    });
  }

  function applyFilters() {
    const active = FILTERS.filter(function (name) { return state.filters[name] !== undefined; })
      .map(function (name) { return [col[name], state.filters[name]]; });
    const needle = state.text.trim().toLowerCase();
    const matches = needle ? textMatches(needle) : null;
    const shown = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      let keep = true;
      for (let f = 0; f < active.length && keep; f++) { keep = row[active[f][0]] === active[f][1]; }
      if (keep && matches) {
        keep = matches.some(function (m) { return m[1][row[m[0]]]; });
      }
      if (keep) { shown.push(i); }
    }
    state.shown = shown;
    applySort();
  }

  function applySort() {
    const keys = new Int32Array(rows.length);
    state.shown.forEach(function (i) { keys[i] = sortKey(rows[i]); });
    const direction = state.direction;
    state.shown.sort(function (a, b) {
      return (keys[a] - keys[b]) * direction
        || verdictRank[rows[b][col.verdict]] - verdictRank[rows[a][col.verdict]]
        || a - b;
    });
    state.page = 0;
    render();
  }

  // A cell's main value with a second, smaller line under it (a resource's type, an account's region).
  function stacked(main, sub) {
    const cell = el('div');
    cell.appendChild(main);
    cell.appendChild(el('div', 'sub', sub));
    return cell;
  }

  function findingRow(i) {
    const row = rows[i];
    const tr = el('tr');
    const rule = row[col.rule];
    const account = row[col.account];
    const cells = [
      ['nowrap', badge('sev', row[col.severity])],
      ['nowrap', badge('v', row[col.verdict])],
      ['rule', linkButton(data.rules[rule], 'data-rule', rule, data.ruleTitles[rule])],
      ['arn', stacked(linkButton(data.arns[row[col.arn]], 'data-row', i, 'Show every finding on this resource'),
        data.types[row[col.type]])],
      ['nowrap', stacked(el('span', 'mono', data.accounts[account]), data.regions[row[col.region]])],
      ['customer', el('span', '', customerName(row[col.customer]))],
      ['message', el('span', '', data.messages[row[col.message]])],
    ];
    cells.forEach(function (cell) {
      const td = el('td', cell[0]);
      td.appendChild(cell[1]);
      tr.appendChild(td);
    });
    tr.children[4].title = data.accountOwners[account];
    return tr;
  }

  function render() {
    const total = state.shown.length;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    state.page = Math.min(Math.max(state.page, 0), pages - 1);
    const start = state.page * PAGE_SIZE;
    const end = Math.min(start + PAGE_SIZE, total);
    const body = document.getElementById('findings-body');
    const fragment = document.createDocumentFragment();
    for (let k = start; k < end; k++) { fragment.appendChild(findingRow(state.shown[k])); }
    body.replaceChildren(fragment);

    document.getElementById('findings-empty').hidden = total > 0;
    document.getElementById('match-count').textContent =
      numbers.format(total) + ' of ' + numbers.format(rows.length) + ' findings';
    document.getElementById('page-info').textContent = total === 0 ? '' :
      'Page ' + numbers.format(state.page + 1) + ' of ' + numbers.format(pages) +
      ' · ' + numbers.format(start + 1) + '–' + numbers.format(end);
    document.querySelectorAll('[data-page]').forEach(function (button) {
      const back = button.dataset.page === 'first' || button.dataset.page === 'prev';
      button.disabled = back ? state.page === 0 : state.page >= pages - 1;
    });
    document.querySelectorAll('th[data-sort]').forEach(function (th) {
      th.setAttribute('aria-sort', th.dataset.sort !== state.sort ? 'none'
        : state.direction < 0 ? 'descending' : 'ascending');
    });
  }

  function index(value, length) {
    const n = Number.parseInt(value, 10);
    return Number.isInteger(n) && n >= -1 && n < length ? n : null;
  }

  function setFilter(name, value) {
    const select = document.querySelector('select[data-filter="' + name + '"]');
    if (!select) { return; }
    select.value = value === undefined || value === null ? '' : String(value);
    state.filters[name] = select.value === '' ? undefined : Number.parseInt(select.value, 10);
    applyFilters();
  }

  function openRule(value) {
    const rule = index(value, data.rules.length);
    const dialog = rule === null ? null : document.getElementById('rule-' + rule);
    if (dialog && !dialog.open) { dialog.showModal(); }
  }

  function openResource(value) {
    const i = index(value, rows.length);
    if (i === null || i < 0) { return; }
    if (!rowsByArn) {
      rowsByArn = new Map();
      rows.forEach(function (row, r) {
        const list = rowsByArn.get(row[col.arn]);
        if (list) { list.push(r); } else { rowsByArn.set(row[col.arn], [r]); }
      });
    }
    const row = rows[i];
    const account = row[col.account];
    document.getElementById('resource-title').textContent = data.arns[row[col.arn]];
    const facts = document.getElementById('resource-facts');
    facts.replaceChildren();
    [['Type', data.types[row[col.type]]],
      ['Account', data.accounts[account] + ' · ' + data.accountOwners[account]],
      ['Region', data.regions[row[col.region]]],
      ['Customer', customerName(row[col.customer])]].forEach(function (fact) {
      facts.appendChild(el('dt', '', fact[0]));
      facts.appendChild(el('dd', '', fact[1]));
    });
    const body = document.getElementById('resource-findings');
    body.replaceChildren();
    rowsByArn.get(row[col.arn]).forEach(function (r) {
      const finding = rows[r];
      const rule = finding[col.rule];
      const tr = el('tr');
      [badge('sev', finding[col.severity]), badge('v', finding[col.verdict]),
        linkButton(data.rules[rule], 'data-rule', rule, data.ruleTitles[rule]),
        el('span', '', data.messages[finding[col.message]])].forEach(function (content) {
        const td = el('td');
        td.appendChild(content);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    const dialog = document.getElementById('resource-panel');
    if (!dialog.open) { dialog.showModal(); }
  }

  function onClick(event) {
    const target = event.target;
    if (target instanceof HTMLDialogElement) {
      // A click on the dialog element itself outside its box is a click on the backdrop.
      const box = target.getBoundingClientRect();
      if (event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom) {
        target.close();
      }
      return;
    }
    const action = target.closest('[data-close],[data-show-rule],[data-rule],[data-row],[data-filter][data-value],th[data-sort],[data-page]');
    if (!action) { return; }
    if (action.hasAttribute('data-close')) { action.closest('dialog').close(); }
    else if (action.hasAttribute('data-show-rule')) {
      document.querySelectorAll('dialog[open]').forEach(function (d) { d.close(); });
      setFilter('rule', index(action.dataset.showRule, data.rules.length));
      document.getElementById('findings').scrollIntoView();
    }
    else if (action.hasAttribute('data-rule')) { openRule(action.dataset.rule); }
    else if (action.hasAttribute('data-row')) { openResource(action.dataset.row); }
    else if (action.hasAttribute('data-value')) {
      setFilter(action.dataset.filter, action.dataset.value);
      document.getElementById('findings').scrollIntoView();
    }
    else if (action.hasAttribute('data-sort')) {
      const key = action.dataset.sort;
      state.direction = state.sort === key ? -state.direction : (key === 'severity' || key === 'verdict' ? -1 : 1);
      state.sort = key;
      applySort();
    }
    else if (action.hasAttribute('data-page')) {
      const moves = { first: -Infinity, prev: state.page - 1, next: state.page + 1, last: Infinity };
      state.page = Math.max(0, Math.min(moves[action.dataset.page], Math.ceil(state.shown.length / PAGE_SIZE) - 1));
      render();
      document.getElementById('findings-table').scrollIntoView();
    }
  }

  function start() {
    const form = document.getElementById('filters');
    let typing = 0;
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.addEventListener('change', function (event) {
      const name = event.target.dataset && event.target.dataset.filter;
      if (name) { setFilter(name, event.target.value === '' ? undefined : event.target.value); }
    });
    form.addEventListener('reset', function () {
      state.filters = {};
      state.text = '';
      window.setTimeout(applyFilters, 0);
    });
    document.getElementById('filter-text').addEventListener('input', function (event) {
      window.clearTimeout(typing);
      typing = window.setTimeout(function () { state.text = event.target.value; applyFilters(); }, 150);
    });
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && event.target.matches('tr[data-filter]')) { onClick(event); }
    });
    // The table's header sticks below the filter bar, whose height changes as it wraps.
    new ResizeObserver(function () {
      document.documentElement.style.setProperty('--filters-height', form.offsetHeight + 'px');
    }).observe(form);
    applyFilters();
  }

  start();
}());
