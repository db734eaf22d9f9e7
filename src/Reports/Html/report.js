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
  const FILTERS = ['customer', 'account', 'region', 'family', 'severity', 'verdict', 'status', 'rule'];
  const TEXT_COLUMNS = [['arn', 'arns'], ['message', 'messages'], ['rule', 'rules'], ['type', 'types'],
    ['account', 'accounts'], ['region', 'regions'], ['customer', 'customerNames']];
  const TABLE_OF = { rule: 'rules', family: 'families', arn: 'arns', type: 'types', account: 'accounts',
    region: 'regions', customer: 'customerNames', message: 'messages' };
  // Sort keys pack (key, verdict, row) into one number, so that a typed array sorts them natively:
  // far faster than a comparator over 100,000 rows. Rows and keys each stay below 2^21.
  const ROW_SPACE = 2097152;

  let data = null;
  let cells = null;
  let width = 0;
  let count = 0;
  const col = {};
  let hasStatus = false;
  let hasEvidence = false;
  let verdictRank = [];
  const numbers = new Intl.NumberFormat('en-GB');

  const state = { filters: {}, text: '', sort: 'severity', direction: -1, page: 0, shown: new Uint32Array(0) };
  // What else the URL fragment keeps: the open panel (a rule index or a finding's row) and the sort
  // of each server-rendered table (by its id: column and direction).
  const view = { rule: null, row: null, tables: {} };
  // While the view is read from the fragment, writing it back would lose the parts not read yet.
  let restoring = false;
  // While printing, the table holds every matching row, not one page (see the print stylesheet).
  let printing = false;
  const ranks = {};
  const lowered = {};
  let rowsByArn = null;

  function at(row, column) { return cells[row * width + column]; }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function badge(kind, index) {
    if (index < 0) { return el('span', 'sub', '—'); }
    const names = kind === 'sev' ? data.severities : kind === 'v' ? data.verdicts : data.statuses;
    const labels = kind === 'sev' ? data.severityLabels : kind === 'v' ? data.verdictLabels : data.statusLabels;
    return el('span', 'badge ' + kind + '-' + names[index], labels[index]);
  }

  function firstSeen(row) {
    const index = at(row, col.firstSeen);
    return index < 0 ? '' : 'since ' + data.firstSeen[index];
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

  // What follows the ARN's last '/' or else its last ':', as ArnText.Name cuts it on the server.
  function arnName(arn) {
    const slash = arn.lastIndexOf('/');
    return arn.substring((slash >= 0 ? slash : arn.lastIndexOf(':')) + 1);
  }

  // A message is a string, or a template [kind, part, part…] whose parts the resource's ARN
  // (kind 1) or name (kind 2) joins (see MessageTable).
  function joined(template, row) {
    if (typeof template === 'string') { return template; }
    const arn = data.arns[at(row, col.arn)];
    return template.slice(1).join(template[0] === 1 ? arn : arnName(arn));
  }

  function messageOf(row) { return joined(data.messages[at(row, col.message)], row); }

  // A message template's words, resource aside: sorting by message groups findings of one fault.
  function templateText(template) {
    return typeof template === 'string' ? template : template.slice(1).join(' ');
  }

  // The rank of each entry of a string table in sorted order, so that sorting compares integers.
  function rankOf(tableName) {
    if (!ranks[tableName]) {
      const table = tableName === 'messages' ? data.messages.map(templateText) : data[tableName];
      const order = table.map(function (_, i) { return i; });
      order.sort(function (a, b) { return table[a] < table[b] ? -1 : table[a] > table[b] ? 1 : 0; });
      const rank = new Int32Array(table.length);
      order.forEach(function (entry, position) { rank[entry] = position; });
      ranks[tableName] = rank;
    }
    return ranks[tableName];
  }

  // For free text: which entries of each string table contain the text, computed once per search.
  // 1 is a match, 0 none, and 2 (a message template) depends on the resource that joins its parts.
  function textMatches(needle) {
    return TEXT_COLUMNS.map(function (pair) {
      if (!lowered[pair[1]]) {
        lowered[pair[1]] = data[pair[1]].map(function (s) {
          return typeof s === 'string' ? s.toLowerCase() : s.slice(1).map(function (part) { return part.toLowerCase(); });
        });
      }
      const hits = new Uint8Array(lowered[pair[1]].length + 1);
      lowered[pair[1]].forEach(function (s, i) {
        hits[i + 1] = typeof s === 'string' ? (s.indexOf(needle) >= 0 ? 1 : 0)
          : s.some(function (part) { return part.indexOf(needle) >= 0; }) ? 1 : 2;
      });
      // Shifted by one, so that -1 (no customer) reads hits[0], which is 0.
      return [col[pair[0]], hits];
    });
  }

  function applyFilters() {
    const active = FILTERS.filter(function (name) { return state.filters[name] !== undefined && col[name] !== undefined; })
      .map(function (name) { return [col[name], state.filters[name]]; });
    const needle = state.text.trim().toLowerCase();
    const matches = needle ? textMatches(needle) : [];
    const shown = new Uint32Array(count);
    let kept = 0;
    for (let i = 0, base = 0; i < count; i++, base += width) {
      let keep = true;
      for (let f = 0; f < active.length && keep; f++) { keep = cells[base + active[f][0]] === active[f][1]; }
      if (keep && matches.length > 0) {
        keep = false;
        for (let m = 0; m < matches.length && !keep; m++) {
          const hit = matches[m][1][cells[base + matches[m][0]] + 1];
          keep = hit === 1 || (hit === 2 && messageOf(i).toLowerCase().indexOf(needle) >= 0);
        }
      }
      if (keep) { shown[kept++] = i; }
    }
    state.shown = shown.subarray(0, kept);
    applySort();
  }

  function sortKeys() {
    if (state.sort === 'severity' || state.sort === 'status') { return null; }
    if (state.sort === 'verdict') { return verdictRank; }
    return rankOf(TABLE_OF[state.sort]);
  }

  function applySort() {
    const column = col[state.sort];
    const keys = sortKeys();
    const shown = state.shown;
    const packed = new Float64Array(shown.length);
    for (let k = 0; k < shown.length; k++) {
      const i = shown[k];
      const value = at(i, column);
      // +1 so that -1 (no customer, no status) sorts first ascending; descending flips the key.
      let key = (value < 0 ? 0 : (keys ? keys[value] : value) + 1);
      if (state.direction < 0) { key = ROW_SPACE - 1 - key; }
      packed[k] = (key * 8 + (7 - verdictRank[at(i, col.verdict)])) * ROW_SPACE + i;
    }
    packed.sort();
    for (let k = 0; k < packed.length; k++) { shown[k] = packed[k] % ROW_SPACE; }
    state.page = 0;
    render();
  }

  // A cell's main value with a second, smaller line under it (a resource's type, an account's region).
  function stacked(main, sub) {
    const node = el('div');
    node.appendChild(main);
    node.appendChild(el('div', 'sub', sub));
    return node;
  }

  function cell(className, content) {
    const td = el('td', className);
    td.appendChild(content);
    return td;
  }

  function findingRow(i) {
    const tr = el('tr');
    const rule = at(i, col.rule);
    const account = at(i, col.account);
    const where = el('td', 'nowrap');
    where.title = data.accountOwners[account];
    where.appendChild(stacked(el('span', 'mono', data.accounts[account]), data.regions[at(i, col.region)]));
    const cellsOfRow = [
      cell('nowrap', badge('sev', at(i, col.severity))),
      cell('nowrap', badge('v', at(i, col.verdict))),
      hasStatus ? cell('nowrap', stacked(badge('st', at(i, col.status)), firstSeen(i))) : null,
      cell('rule', linkButton(data.rules[rule], 'data-rule', rule, data.ruleTitles[rule])),
      cell('arn', stacked(linkButton(data.arns[at(i, col.arn)], 'data-row', i, 'Show every finding on this resource'),
        data.types[at(i, col.type)])),
      where,
      cell('customer', el('span', '', customerName(at(i, col.customer)))),
      cell('message', el('span', '', messageOf(i))),
    ];
    cellsOfRow.forEach(function (td) { if (td) { tr.appendChild(td); } });
    return tr;
  }

  function render() {
    const total = state.shown.length;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    state.page = Math.min(Math.max(state.page, 0), pages - 1);
    const start = printing ? 0 : state.page * PAGE_SIZE;
    const end = printing ? total : Math.min(start + PAGE_SIZE, total);
    const fragment = document.createDocumentFragment();
    for (let k = start; k < end; k++) { fragment.appendChild(findingRow(state.shown[k])); }
    document.getElementById('findings-body').replaceChildren(fragment);

    document.getElementById('findings-empty').hidden = total > 0;
    document.getElementById('match-count').textContent =
      numbers.format(total) + ' of ' + numbers.format(count) + ' findings';
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
    writeHash();
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
    if (dialog && !dialog.open) {
      view.rule = rule;
      dialog.showModal();
      writeHash();
    }
  }

  function openResource(value) {
    const i = index(value, count);
    if (i === null || i < 0) { return; }
    if (!rowsByArn) {
      rowsByArn = new Map();
      for (let r = 0; r < count; r++) {
        const list = rowsByArn.get(at(r, col.arn));
        if (list) { list.push(r); } else { rowsByArn.set(at(r, col.arn), [r]); }
      }
    }
    const account = at(i, col.account);
    document.getElementById('resource-title').textContent = data.arns[at(i, col.arn)];
    const facts = document.getElementById('resource-facts');
    facts.replaceChildren();
    [['Type', data.types[at(i, col.type)]],
      ['Account', data.accounts[account] + ' · ' + data.accountOwners[account]],
      ['Region', data.regions[at(i, col.region)]],
      ['Customer', customerName(at(i, col.customer))]].forEach(function (fact) {
      facts.appendChild(el('dt', '', fact[0]));
      facts.appendChild(el('dd', '', fact[1]));
    });
    const findings = rowsByArn.get(at(i, col.arn));
    showTags(at(i, col.arn), data.arns[at(i, col.arn)], findings);
    showEvidence(findings);
    const body = document.getElementById('resource-findings');
    body.replaceChildren();
    findings.forEach(function (r) {
      const rule = at(r, col.rule);
      const tr = el('tr');
      [cell('', badge('sev', at(r, col.severity))), cell('', badge('v', at(r, col.verdict))),
        hasStatus ? cell('', badge('st', at(r, col.status))) : null,
        hasStatus ? cell('nowrap', el('span', '', at(r, col.firstSeen) < 0 ? '' : data.firstSeen[at(r, col.firstSeen)])) : null,
        cell('rule', linkButton(data.rules[rule], 'data-rule', rule, data.ruleTitles[rule])),
        cell('message', el('span', '', messageOf(r)))].forEach(function (td) {
        if (td) { tr.appendChild(td); }
      });
      body.appendChild(tr);
    });
    const dialog = document.getElementById('resource-panel');
    view.row = i;
    if (!dialog.open) { dialog.showModal(); }
    writeHash();
  }

  // The resource's tags, as key and value cells; a note instead when it has none. A tag whose key a
  // finding's message names (a tagging rule compares its value) is marked as the one at fault.
  // Values that look like secrets were masked on the server: the page never holds them.
  function showTags(arnIndex, arn, findings) {
    const named = findings.filter(function (r) { return data.verdicts[at(r, col.verdict)] !== 'pass'; })
      .map(function (r) { return messageOf(r).toLowerCase(); });
    const set = data.arnTags && data.arnTags[arnIndex] >= 0 ? data.tagSets[data.arnTags[arnIndex]] : [];
    const body = document.getElementById('resource-tags');
    const fragment = document.createDocumentFragment();
    for (let t = 0; t < set.length; t += 2) {
      const tr = el('tr');
      const key = data.tagKeys[set[t]];
      if (named.some(function (m) { return m.indexOf(key.toLowerCase()) >= 0; })) {
        tr.className = 'at-fault';
        tr.title = 'A finding on this resource names this tag';
      }
      tr.appendChild(cell('mono', el('span', '', key)));
      // -1: the value is the resource's name (see ResourceDetails.AddArn).
      tr.appendChild(cell('tag-value', el('span', '', set[t + 1] < 0 ? arnName(arn) : data.tagValues[set[t + 1]])));
      fragment.appendChild(tr);
    }
    body.replaceChildren(fragment);
    body.closest('table').hidden = set.length === 0;
    document.getElementById('resource-no-tags').hidden = set.length > 0;
  }

  // Each distinct policy statement at fault, under the rules that quote it.
  function showEvidence(findings) {
    const list = document.getElementById('resource-evidence');
    list.replaceChildren();
    const byText = new Map();
    if (hasEvidence) {
      findings.forEach(function (r) {
        const evidence = at(r, col.evidence);
        if (evidence < 0) { return; }
        const rules = byText.get(evidence) || [];
        rules.push(data.rules[at(r, col.rule)]);
        byText.set(evidence, rules);
      });
    }
    byText.forEach(function (rules, evidence) {
      list.appendChild(el('p', 'sub', rules.join(', ')));
      list.appendChild(el('pre', 'evidence at-fault', joined(data.evidence[evidence], findings[0])));
    });
    document.getElementById('resource-evidence-section').hidden = byText.size === 0;
  }

  // The view lives in the URL fragment, #name=value&…, so that a link opens the same view: filters
  // and sort of the findings, search text, page, open panel, and the sort of the other tables.
  // Values are indexes into this report's tables; each is checked against the page when read.
  function writeHash() {
    if (restoring || !data) { return; }
    const params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      if (state.filters[name] !== undefined) { params.set(name, String(state.filters[name])); }
    });
    if (state.text.trim()) { params.set('q', state.text); }
    if (state.sort !== 'severity' || state.direction > 0) {
      params.set('sort', state.sort);
      params.set('dir', state.direction < 0 ? 'desc' : 'asc');
    }
    if (state.page > 0) { params.set('page', String(state.page + 1)); }
    Object.keys(view.tables).forEach(function (id) {
      params.set('t-' + id, view.tables[id][0] + (view.tables[id][1] < 0 ? '-desc' : '-asc'));
    });
    if (view.rule !== null) { params.set('rule', String(view.rule)); }
    if (view.row !== null) { params.set('resource', String(view.row)); }
    const fragment = params.toString();
    const url = location.href.split('#')[0] + (fragment ? '#' + fragment : '');
    if (url !== location.href) { history.replaceState(null, '', url); }
  }

  // Sets the view from the fragment; false when it holds none (a plain #section, or nothing).
  function readHash() {
    const fragment = location.hash.substring(1);
    if (fragment.indexOf('=') < 0) { return false; }
    const params = new URLSearchParams(fragment);
    restoring = true;
    FILTERS.forEach(function (name) {
      const select = document.querySelector('select[data-filter="' + name + '"]');
      const value = params.get(name);
      const known = select !== null && value !== null && Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      if (select) { select.value = known ? value : ''; }
      state.filters[name] = known && value !== '' ? Number.parseInt(value, 10) : undefined;
    });
    state.text = params.get('q') || '';
    document.getElementById('filter-text').value = state.text;
    const sort = params.get('sort');
    const sortable = sort !== null && document.querySelector('th[data-sort]') !== null &&
      Array.prototype.some.call(document.querySelectorAll('th[data-sort]'), function (th) { return th.dataset.sort === sort; });
    state.sort = sortable ? sort : 'severity';
    state.direction = sortable && params.get('dir') === 'asc' ? 1 : -1;
    applyFilters();
    const page = Number.parseInt(params.get('page'), 10);
    if (Number.isInteger(page) && page > 1) { state.page = page - 1; render(); }
    view.tables = {};
    params.forEach(function (value, name) {
      const table = name.startsWith('t-') ? document.getElementById(name.substring(2)) : null;
      const match = /^(\d+)-(asc|desc)$/.exec(value);
      if (table && table.matches('table.sortable') && match) {
        sortTable(table, Number.parseInt(match[1], 10), match[2] === 'asc' ? 1 : -1);
      }
    });
    document.querySelectorAll('dialog[open]').forEach(function (d) { d.close(); });
    view.rule = null;
    view.row = null;
    restoring = false;
    if (params.has('rule')) { openRule(params.get('rule')); }
    if (params.has('resource')) { openResource(params.get('resource')); }
    writeHash();
    return true;
  }

  // Sorts a server-rendered table by one column: a cell's data-key when it has one (a number),
  // else its text. The rows are moved, not rebuilt, so their listeners and focus order stay.
  function sortTable(table, column, direction) {
    const heads = table.tHead.rows[0].cells;
    const button = table.querySelector('[data-sort-col="' + column + '"]');
    if (!button) { return; }
    const body = table.tBodies[0];
    const rows = Array.prototype.filter.call(body.rows, function (r) { return r.cells.length > column; });
    const keyOf = function (row) {
      const c = row.cells[column];
      return c.dataset.key !== undefined ? Number(c.dataset.key) : c.textContent.trim().toLowerCase();
    };
    rows.sort(function (a, b) { const x = keyOf(a), y = keyOf(b); return (x < y ? -1 : x > y ? 1 : 0) * direction; });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(heads, function (th) {
      th.setAttribute('aria-sort', th.contains(button) ? (direction < 0 ? 'descending' : 'ascending') : 'none');
    });
    if (table.id) { view.tables[table.id] = [column, direction]; }
  }

  // The rows of the current filtered view, in its sort order, as findings.csv names the fields.
  const EXPORT_FIELDS = ['ruleId', 'ruleTitle', 'family', 'severity', 'verdict', 'status', 'firstSeen', 'customer',
    'accountId', 'region', 'resourceType', 'resourceArn', 'message', 'evidence'];

  function exported(i) {
    const rule = at(i, col.rule);
    const customer = at(i, col.customer);
    const status = hasStatus ? at(i, col.status) : -1;
    const evidence = hasEvidence ? at(i, col.evidence) : -1;
    return [data.rules[rule], data.ruleTitles[rule], data.families[at(i, col.family)], data.severities[at(i, col.severity)],
      data.verdicts[at(i, col.verdict)], status < 0 ? '' : data.statuses[status],
      hasStatus && at(i, col.firstSeen) >= 0 ? data.firstSeen[at(i, col.firstSeen)] : '',
      customer < 0 ? '' : data.customers[customer], data.accounts[at(i, col.account)], data.regions[at(i, col.region)],
      data.types[at(i, col.type)], data.arns[at(i, col.arn)], messageOf(i), evidence < 0 ? '' : joined(data.evidence[evidence], i)];
  }

  // RFC 4180, as the csv format writes it; a cell a spreadsheet would run as a formula gets a
  // leading apostrophe (https://owasp.org/www-community/attacks/CSV_Injection).
  function csvField(value) {
    const text = /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // A file made in the page and saved through a temporary link: nothing leaves the machine.
  function download(format) {
    const rows = Array.prototype.map.call(state.shown, exported);
    let text;
    if (format === 'json') {
      text = JSON.stringify(rows.map(function (row) {
        const finding = {};
        EXPORT_FIELDS.forEach(function (name, k) { if (row[k] !== '') { finding[name] = row[k]; } });
        return finding;
      }), null, 1);
    } else {
      text = [EXPORT_FIELDS].concat(rows).map(function (row) { return row.map(csvField).join(','); }).join('\r\n') + '\r\n';
    }
    const link = el('a');
    link.href = URL.createObjectURL(new Blob([text], { type: format === 'json' ? 'application/json' : 'text/csv' }));
    link.download = 'findings-view.' + (format === 'json' ? 'json' : 'csv');
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
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
    const jump = target.closest('.jump a');
    if (jump) {
      // The fragment holds the view: a section link scrolls instead of replacing it.
      event.preventDefault();
      const section = document.getElementById(jump.getAttribute('href').substring(1));
      if (section) { section.scrollIntoView(); }
      return;
    }
    const action = target.closest('[data-close],[data-show-rule],[data-rule],[data-row],[data-filter][data-value],th[data-sort],[data-page],[data-sort-col],[data-download]');
    if (!action || !data) { return; }
    if (action.hasAttribute('data-close')) { action.closest('dialog').close(); }
    else if (action.hasAttribute('data-download')) { download(action.dataset.download); }
    else if (action.hasAttribute('data-sort-col')) {
      const table = action.closest('table');
      const column = Number.parseInt(action.dataset.sortCol, 10);
      const current = view.tables[table.id];
      const numeric = table.tBodies[0].rows[0] && table.tBodies[0].rows[0].cells[column] &&
        table.tBodies[0].rows[0].cells[column].dataset.key !== undefined;
      sortTable(table, column, current && current[0] === column ? -current[1] : (numeric ? -1 : 1));
      writeHash();
    }
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

  // The data is gzipped JSON in base64 (see FindingsDataWriter): inflated by the browser itself.
  function load() {
    const text = document.getElementById('findings-data').textContent.trim();
    let bytes;
    if (typeof Uint8Array.fromBase64 === 'function') {
      bytes = Uint8Array.fromBase64(text);
    } else {
      const binary = atob(text);
      bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    }
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).json();
  }

  function start(loaded) {
    data = loaded;
    data.arns = data.arnRest.map(function (rest, i) { return data.arnPrefixes[data.arnPrefix[i]] + rest; });
    cells = data.cells;
    width = data.columns.length;
    count = width === 0 ? 0 : cells.length / width;
    data.columns.forEach(function (name, i) { col[name] = i; });
    // Optional columns: present only when the scan has history (status) or evidence.
    hasStatus = col.status !== undefined;
    hasEvidence = col.evidence !== undefined;
    verdictRank = data.verdicts.map(function (v) { return VERDICT_BADNESS[v] || 0; });

    const form = document.getElementById('filters');
    let typing = 0;
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
    document.addEventListener('keydown', function (event) {
      // Rows and cards that filter are not buttons: Space does what Enter does, as on a button.
      if ((event.key === 'Enter' || event.key === ' ') && event.target.matches('[data-filter][data-value]')) {
        event.preventDefault();
        onClick(event);
      }
    });
    document.querySelectorAll('dialog').forEach(function (dialog) {
      dialog.addEventListener('close', function () {
        // The close event comes later than close(): a panel reopened meanwhile stays in the view.
        if (dialog.open) { return; }
        if (dialog.id === 'resource-panel') { view.row = null; } else { view.rule = null; }
        writeHash();
      });
    });
    window.addEventListener('hashchange', readHash);
    window.addEventListener('beforeprint', function () { printing = true; render(); });
    window.addEventListener('afterprint', function () { printing = false; render(); });
    // Printing to PDF, and a print media emulated, raise no beforeprint: the media query does.
    window.matchMedia('print').addEventListener('change', function (event) { printing = event.matches; render(); });
    if (!readHash()) { applyFilters(); }
    // For tests and the benchmark: the first page of findings is on screen.
    performance.mark('guardrails-ready');
    document.documentElement.dataset.ready = 'true';
  }

  const form = document.getElementById('filters');
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  document.addEventListener('click', onClick);
  // The table's header sticks below the filter bar, whose height changes as it wraps.
  new ResizeObserver(function () {
    document.documentElement.style.setProperty('--filters-height', form.offsetHeight + 'px');
  }).observe(form);
  document.getElementById('match-count').textContent = 'Loading findings…';
  load().then(start, function (error) {
    document.getElementById('match-count').textContent = 'The findings data could not be read: ' + error.message;
  });
}());
