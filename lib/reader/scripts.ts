// The inline scripts of reader pages, as string constants in one module, so that a
// Content-Security-Policy can list their hashes computed from this very source. Each is plain
// ES2017 with no imports, and reads what it needs from the page's data- attributes.

// The article page's only script (app/(public)/news/[id]/[slug]/article-page.ts). Once the page has
// loaded it counts the view (the server ignores bots and repeats within half an hour), then asks
// /api/articles/<id>/engagement for the counts, the approved comments, whether comments are open
// and, for a member of the newsroom who may edit the article, the editor's address (تحرير المقال);
// it sends a reader's comment, copies the link, and counts a share when a share link is used.
// Comments are written with textContent only: never markup.
export const ARTICLE_SCRIPT = `(function () {
  var article = document.querySelector('article[data-article-id]');
  if (!article) return;
  var id = article.getAttribute('data-article-id');
  var digits = article.getAttribute('data-digits');
  var format = new Intl.NumberFormat('ar-u-nu-' + digits).format;
  // Comment times in the newsroom's calendar, digits and time zone, as the page's own dates.
  var formatDate = new Intl.DateTimeFormat('ar-u-ca-' + article.getAttribute('data-calendar') + '-nu-' + digits, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: article.getAttribute('data-time-zone') || undefined
  }).format;
  var beacon = function (path) { if (navigator.sendBeacon) navigator.sendBeacon(path + id); };
  var share = function () { beacon('/api/shares/'); };
  var box = article.querySelector('.comments');
  var list = box && box.querySelector('[data-comment-list]');
  var form = box && box.querySelector('form');
  var el = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  var show = function (data) {
    article.querySelectorAll('.counters data').forEach(function (node) {
      var n = data[node.getAttribute('data-count')];
      if (typeof n !== 'number') return;
      node.value = String(n);
      node.textContent = format(n);
    });
    var edit = article.querySelector('[data-edit-link]');
    if (edit && typeof data.editUrl === 'string' && data.editUrl.charAt(0) === '/' && data.editUrl.charAt(1) !== '/') {
      edit.querySelector('a').setAttribute('href', data.editUrl);
      edit.hidden = false;
    }
    if (!box) return;
    list.textContent = '';
    (data.items || []).forEach(function (comment) {
      var item = el('li');
      var by = el('p', 'comment-by');
      by.appendChild(el('bdi', '', comment.name));
      var time = el('time', 'muted', formatDate(new Date(comment.at)));
      time.setAttribute('datetime', comment.at);
      by.appendChild(document.createTextNode(' '));
      by.appendChild(time);
      item.appendChild(by);
      item.appendChild(el('p', 'comment-text', comment.text));
      list.appendChild(item);
    });
    box.querySelector('[data-comments-empty]').hidden = (data.items || []).length > 0;
    box.querySelector('[data-comments-closed]').hidden = data.commentsOpen !== false;
    form.hidden = data.commentsOpen === false;
  };
  var load = function () {
    return fetch('/api/articles/' + id + '/engagement', { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) show(data); })
      .catch(function () {});
  };
  addEventListener('load', function () {
    beacon('/api/views/');
    load();
  });
  if (form) {
    var status = form.querySelector('[role=status]');
    var button = form.querySelector('button[type=submit]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      form.querySelectorAll('[data-error-for]').forEach(function (node) { node.textContent = ''; });
      form.querySelectorAll('[aria-invalid]').forEach(function (node) { node.removeAttribute('aria-invalid'); });
      status.textContent = '';
      button.disabled = true;
      fetch('/api/articles/' + id + '/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: form.elements.name.value, text: form.elements.text.value })
      })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (answer) {
          if (answer.ok) {
            form.elements.text.value = '';
            status.textContent = answer.body.message;
            return;
          }
          var errors = answer.body.fieldErrors || { form: answer.body.message };
          var first = null;
          Object.keys(errors).forEach(function (field) {
            var slot = form.querySelector('[data-error-for=' + (field === 'name' || field === 'text' ? field : 'form') + ']');
            if (slot) slot.textContent = errors[field];
            var input = form.elements[field];
            if (input && input.setAttribute) {
              input.setAttribute('aria-invalid', 'true');
              if (!first) first = input;
            }
          });
          if (first) first.focus();
        })
        .catch(function () { status.textContent = 'تعذّر إرسال التعليق. تحقق من الاتصال وأعد المحاولة.'; })
        .then(function () { button.disabled = false; });
    });
  }
  var shareBox = article.querySelector('.share');
  if (!shareBox) return;
  var shareStatus = shareBox.querySelector('[role=status]');
  shareBox.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest('a')) return share();
    if (!target.closest('[data-copy-link]')) return;
    // No clipboard on a page served over plain http, or when the reader refused it.
    var copied = navigator.clipboard ? navigator.clipboard.writeText(article.getAttribute('data-url')) : Promise.reject();
    copied.then(function () {
      shareStatus.textContent = 'تم نسخ الرابط';
      share();
    }, function () { shareStatus.textContent = 'تعذّر النسخ؛ انسخ الرابط من شريط العنوان.'; });
  });
})();`;

// Every inline script a reader page may run: lib/http/security-headers.ts allows exactly these, by their
// sha256 hashes computed when the server starts, so the pages stay the same cacheable bytes for
// every reader (no per-request nonce) and any other inline script is refused. A new reader
// script goes in here, or the browser will not run it.
export const READER_INLINE_SCRIPTS: readonly string[] = [ARTICLE_SCRIPT];
