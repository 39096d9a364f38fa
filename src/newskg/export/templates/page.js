/* newskg graph page: the network, its filters, search, links to a node (#node=IRI) and the details panel.
   Every text from the graph is put on the page with textContent, never as markup. */
var network;
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("newskg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (node) { byId[node.id] = node; });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);

  var panel = document.getElementById("newskg-panel");
  var details = document.getElementById("newskg-details");
  var hover = document.getElementById("newskg-hover");
  var kindShown = {};
  var alone = document.getElementById("newskg-alone");
  var article = document.getElementById("newskg-article");
  var from = document.getElementById("newskg-from");
  var to = document.getElementById("newskg-to");

  function element(tag, text, className) {
    var made = document.createElement(tag);
    if (text !== undefined && text !== null) { made.textContent = text; }
    if (className) { made.className = className; }
    return made;
  }

  function dot(kind) {
    var span = element("span", null, "newskg-dot");
    span.style.background = (data.kinds.filter(function (k) { return k[0] === kind; })[0] || [0, "#bab0ac"])[1];
    return span;
  }

  function folded(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* Filters: class, nodes without edges, article, and a date range for events. */
  data.kinds.forEach(function (kind) {
    kindShown[kind[0]] = true;
    var label = element("label");
    var box = element("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-kind", kind[0]);
    box.addEventListener("change", function () { kindShown[kind[0]] = box.checked; apply(); });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" "));
    label.appendChild(dot(kind[0]));
    label.appendChild(document.createTextNode(" " + kind[0]));
    document.getElementById("newskg-kinds").appendChild(label);
  });
  data.articles.map(function (a, index) { return [a, index]; })
    .sort(function (x, y) { return (x[0].published + x[0].title).localeCompare(y[0].published + y[0].title); })
    .forEach(function (pair) {
      var option = element("option", articleName(pair[0]));
      option.value = String(pair[1]);
      article.appendChild(option);
    });
  if (!data.nodes.some(function (node) { return node.alone; })) { alone.parentNode.hidden = true; }
  if (!data.articles.length) { article.parentNode.hidden = true; }
  [alone, article, from, to].forEach(function (input) { input.addEventListener("change", apply); });

  function articleName(a) { return a.title + (a.published ? " (" + a.published + ")" : ""); }

  function visible(node) {
    if (!kindShown[node.kind]) { return false; }
    if (node.alone && !alone.checked) { return false; }
    if (article.value !== "" && node.articles.indexOf(Number(article.value)) < 0) { return false; }
    if (node.kind === "Event" && (from.value || to.value)) {
      if (!node.begin) { return false; }
      if (to.value && node.begin > to.value) { return false; }
      if (from.value && node.end < from.value) { return false; }
    }
    return true;
  }

  var hidden = {};
  function apply() {
    var shown = 0;
    var changed = [];
    data.nodes.forEach(function (node) {
      var hide = !visible(node);
      shown += hide ? 0 : 1;
      if (hide !== Boolean(hidden[node.id])) { changed.push({id: node.id, hidden: hide}); }
      hidden[node.id] = hide;
    });
    if (changed.length) { nodes.update(changed); }
    var text = shown + " of " + data.nodes.length + " nodes shown";
    if (data.total > data.nodes.length) {
      text += " (the " + data.nodes.length + " most connected of " + data.total + "; newskg viz --focus draws others)";
    }
    document.getElementById("newskg-count").textContent = text;
  }

  function clearFilters() {
    document.querySelectorAll("input[data-kind]").forEach(function (box) { box.checked = true; });
    Object.keys(kindShown).forEach(function (kind) { kindShown[kind] = true; });
    alone.checked = true;
    article.value = "";
    from.value = "";
    to.value = "";
    apply();
  }

  /* Selecting a node: the panel, the view, and the address (so it can be copied and linked). */
  function select(id, move) {
    if (!byId[id]) { notDrawn(id); return; }
    if (nodes.get(id).hidden) { clearFilters(); }
    network.selectNodes([id]);
    describe(id);
    if (move) {
      var offset = panel.hidden ? 0 : -panel.offsetWidth / 2;
      network.focus(id, {scale: Math.max(network.getScale(), 1.1), offset: {x: offset, y: 0}, animation: false});
    }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#node=" + encodeURIComponent(id));
    }
  }

  function open() {
    panel.hidden = false;
    while (details.firstChild) { details.removeChild(details.firstChild); }
    panel.scrollTop = 0;
  }

  function section(title, items) {
    if (!items.length) { return; }
    details.appendChild(element("h3", title));
    var list = element("ul");
    items.forEach(function (item) {
      var li = element("li");
      li.appendChild(typeof item === "string" ? document.createTextNode(item) : item);
      list.appendChild(li);
    });
    details.appendChild(list);
  }

  function walk(id, text) {
    var button = element("button", null, "newskg-walk");
    button.type = "button";
    if (byId[id]) { button.appendChild(dot(byId[id].kind)); button.appendChild(document.createTextNode(" ")); }
    button.appendChild(document.createTextNode(text));
    button.setAttribute("data-node", id);
    button.addEventListener("click", function () { select(id, true); });
    return button;
  }

  function link(href, text) {
    if (!/^https?:\/\//i.test(href)) { return document.createTextNode(text); }
    var anchor = element("a", text);
    anchor.href = href;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    return anchor;
  }

  function sentence(item) {
    var block = element("div", null, "newskg-sentence");
    var text = item.text;
    var at = 0;
    var marks = (item.marks || []).slice().sort(function (a, b) { return a[0] - b[0]; });
    marks.forEach(function (mark) {
      if (mark[0] < at) { return; }
      block.appendChild(document.createTextNode(text.slice(at, mark[0])));
      block.appendChild(element("mark", text.slice(mark[0], mark[1])));
      at = mark[1];
    });
    block.appendChild(document.createTextNode(text.slice(at)));
    var source = data.articles[item.article];
    if (source) {
      var line = element("span", "— ", "newskg-source");
      var words = text.trim().split(/\s+/).slice(0, 8).join(" ");
      line.appendChild(link(source.url ? source.url + "#:~:text=" + encodeURIComponent(words).replace(/-/g, "%2D") : "",
        articleName(source)));
      block.appendChild(line);
    }
    return block;
  }

  function more(count, what) {
    if (count > 0) { details.appendChild(element("p", "and " + count + " more " + what, "newskg-note")); }
  }

  function describe(id) {
    var node = byId[id];
    var about = data.details[id] || {};
    open();
    var heading = element("h2");
    heading.appendChild(dot(node.kind));
    heading.appendChild(document.createTextNode(" " + about.label));
    details.appendChild(heading);
    var kind = node.kind + (about.type ? " \u00b7 " + about.type : "");
    if (about.negated) { kind += " \u00b7 denied in the text"; }
    if (about.modality) { kind += " \u00b7 " + about.modality; }
    details.appendChild(element("div", kind, "newskg-note"));
    if (about.when) { details.appendChild(element("p", "When: " + about.when)); }
    if (about.figures && about.figures.length) { details.appendChild(element("p", "Figures: " + about.figures.join("; "))); }
    if (about.saidBy) { details.appendChild(element("p", "Said by: " + about.saidBy)); }
    section("Names", about.names || []);
    section("Links", (about.links || []).map(function (href) { return link(href, href); }));
    section("Roles", about.roles || []);
    section("Events", (about.events || []).map(function (event) {
      var text = event.label + (event.when ? " \u00b7 " + event.when : "") +
        (event.figures.length ? " \u00b7 " + event.figures.join("; ") : "") + " (" + event.as + ")";
      return byId[event.id] ? walk(event.id, text) : document.createTextNode(text + " \u2014 not drawn");
    }));
    more(about.eventsMore, "events");
    if (about.sentences && about.sentences.length) {
      details.appendChild(element("h3", "From the text"));
      about.sentences.forEach(function (item) { details.appendChild(sentence(item)); });
      more(about.sentencesMore, "sentences");
    } else if (about.sources) {
      details.appendChild(element("h3", "From the text"));
      details.appendChild(element("p", about.sources));
    }
    if (about.said && about.said.length) {
      details.appendChild(element("h3", "Said"));
      about.said.forEach(function (quote) { details.appendChild(sentence(quote)); });
      more(about.saidMore, "quotations");
    }
    section("Neighbours", network.getConnectedEdges(id).map(function (edgeId) {
      var edge = edges.get(edgeId);
      var other = edge.from === id ? edge.to : edge.from;
      var how = edge.from === id ? edge.label : edge.label + " of";
      return walk(other, byId[other].label.split("\n")[0] + " (" + how + ")");
    }));
    details.appendChild(element("h3", "IRI"));
    details.appendChild(element("code", about.iri));
  }

  function notDrawn(id) {
    open();
    network.unselectAll();
    details.appendChild(element("h2", "Not in this view"));
    details.appendChild(element("p", "This node is not among the " + data.nodes.length +
      " drawn on this page. To draw it with its neighbours, run in the build folder:"));
    details.appendChild(element("code", "newskg viz . --focus '" + id.replace(/'/g, "'\\''") + "' --out focus.html"));
    details.appendChild(element("p", "and open focus.html.", "newskg-note"));
  }

  function close() {
    panel.hidden = true;
    network.unselectAll();
  }
  document.getElementById("newskg-close").addEventListener("click", close);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { close(); }
  });
  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0], false); }
  });

  /* Hovering shows a node's first lines; the panel holds the rest. */
  network.on("hoverNode", function (params) {
    hover.textContent = byId[params.node].label;
    hover.style.left = (params.pointer.DOM.x + 14) + "px";
    hover.style.top = (params.pointer.DOM.y + 10) + "px";
    hover.hidden = false;
  });
  network.on("blurNode", function () { hover.hidden = true; });
  network.on("dragStart", function () { hover.hidden = true; });

  /* Search: every drawn node whose label or other name holds the words (case and accents aside). */
  var results = document.getElementById("newskg-results");
  document.getElementById("newskg-search").addEventListener("input", function (event) {
    var query = folded(event.target.value.trim());
    var found = query ? data.nodes.filter(function (node) {
      return folded(node.label + "\n" + node.names).indexOf(query) >= 0;
    }) : [];
    network.selectNodes(found.map(function (node) { return node.id; }));
    document.getElementById("newskg-found").textContent = query ? found.length + " found" : "";
    while (results.firstChild) { results.removeChild(results.firstChild); }
    found.slice(0, 30).forEach(function (node) {
      var li = element("li");
      li.appendChild(walk(node.id, node.label.split("\n")[0] + " (" + node.kind + ")"));
      results.appendChild(li);
    });
    if (found.length) { network.focus(found[0].id, {scale: Math.max(network.getScale(), 1.1), animation: false}); }
  });
  results.addEventListener("click", function () {
    while (results.firstChild) { results.removeChild(results.firstChild); }
  });

  function fromAddress() {
    var wanted = (window.location.hash.match(/^#node=(.*)$/) || [])[1];
    if (wanted) { select(decodeURIComponent(wanted), true); }
  }
  window.addEventListener("hashchange", fromAddress);
  apply();
  fromAddress();
  document.body.setAttribute("data-settled", "true");
})();
