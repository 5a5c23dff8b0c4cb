/* Query portal front end: everything on the page comes from /api/portal/config. */
(function () {
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function field(f) {
    var input;
    if (f.type === "select") {
      input = el("select", { id: f.name, name: f.name },
        f.options.map(function (o) { return el("option", { value: o.value }, [o.label]); }));
    } else {
      input = el("input", { id: f.name, name: f.name, type: "text", placeholder: f.placeholder, autocomplete: "off" });
    }
    var row = el("div", { "class": "form-row" }, [el("label", { "for": f.name }, [f.label + "："]), input]);
    if (f.name === "captcha") {
      row.appendChild(el("img", { "class": "captcha-img", src: "/api/captcha", alt: "验证码" }));
    }
    return row;
  }

  function render(cfg) {
    var app = document.getElementById("app");
    app.innerHTML = "";
    app.appendChild(el("header", { "class": "gov-header" }, [el("div", { "class": "inner" }, [
      el("img", { "class": "emblem", src: "/static/img/guohui.png", alt: "国徽" }),
      el("div", {}, [el("div", { "class": "ministry" }, [cfg.authority]), el("h1", {}, [cfg.title])])
    ])]));
    var form = el("form", { id: "queryForm", "class": "query-form" }, cfg.fields.map(field));
    form.appendChild(el("button", { type: "submit", "class": "btn-query" }, [cfg.submitText]));
    var result = el("div", { id: "result", "class": "result" }, []);
    form.appendChild(result);
    app.appendChild(el("main", { "class": "query-box" }, [el("h2", {}, [cfg.formTitle]), form]));
    app.appendChild(el("div", { "class": "notice" }, cfg.notice.map(function (p) { return el("p", {}, [p]); })));
    var f = cfg.footer;
    app.appendChild(el("footer", { "class": "site-footer" }, [
      el("a", { "class": "conac", href: f.conacUrl, target: "_blank" },
        [el("img", { src: "/static/img/conac.png", alt: "党政机关" })]),
      el("p", {}, ["主办单位：" + f.owner + "　　网站标识码：" + f.siteCode]),
      el("p", {}, [f.icp + "　　" + f.police])
    ]));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var data = {};
      cfg.fields.forEach(function (x) { data[x.name] = document.getElementById(x.name).value; });
      fetch(cfg.queryApi, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) })
        .then(function (r) { return r.json(); })
        .then(function (answer) { showAnswer(result, answer); });
    });
  }

  function showAnswer(box, answer) {
    box.innerHTML = "";
    box.appendChild(el("p", {}, [answer.msg]));
    (answer.records || []).forEach(function (rec) {
      box.appendChild(el("table", { "class": "record" }, Object.keys(rec).map(function (k) {
        return el("tr", {}, [el("th", {}, [k]), el("td", {}, [String(rec[k])])]);
      })));
    });
  }

  fetch("/api/portal/config").then(function (r) { return r.json(); }).then(render);
})();
