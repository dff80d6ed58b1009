# Afterword — set-up, run, test and measure from one place.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean

# Install (or refresh) the app and its test tools into the project's venv.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)  ## open the app on the default database in your data folder
	@$(BIN)/python -m afterword.qt_libraries  # names the X11 libraries Qt still needs, if any
	$(BIN)/afterword

test: $(STAMP)  ## the whole suite, headless
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check desktop tests bench

bench: $(STAMP)  ## timing and memory figures on realistic data sizes
	QT_QPA_PLATFORM=offscreen nice $(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info desktop/*.egg-info

# -- packaging: wheel, bundle, desktop integration -------------------------------
.PHONY: dist dist-test icons validate-desktop install-desktop uninstall-desktop

APP_ID   := io.github.afterword.Afterword
LINUX    := packaging/linux
ICON_SIZES := 16 24 32 48 64 128 256 512
XDG_DATA_HOME ?= $(HOME)/.local/share
# What the desktop entry launches: the venv's command, or e.g. $(CURDIR)/dist/afterword/afterword
AFTERWORD_EXEC ?= $(abspath $(BIN))/afterword
DIST_STAMP := $(VENV)/.installed-dist

$(DIST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
	touch $(DIST_STAMP)

dist: $(DIST_STAMP)  ## a one-folder bundle in dist/afterword (PyInstaller)
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/afterword.spec

dist-test: $(STAMP)  ## wheel + sdist into a clean venv, then the bundle in dist/ (make dist first)
	$(BIN)/python packaging/check_wheel.py
	$(BIN)/python packaging/check_bundle.py dist/afterword

icons: $(STAMP)  ## re-render the PNG icons after changing resources/icons/afterword.svg
	QT_QPA_PLATFORM=offscreen $(BIN)/python $(LINUX)/render_icons.py

validate-desktop:  ## needs desktop-file-utils and appstream (Debian packages)
	desktop-file-validate $(LINUX)/$(APP_ID).desktop
	appstreamcli validate --no-net $(LINUX)/$(APP_ID).metainfo.xml

install-desktop:  ## menu entry, AppStream metadata and icons for the current user
	install -d $(XDG_DATA_HOME)/applications
	sed -e 's|^Exec=afterword|Exec="$(AFTERWORD_EXEC)"|' -e 's|^TryExec=afterword|TryExec=$(AFTERWORD_EXEC)|' \
	    $(LINUX)/$(APP_ID).desktop > $(XDG_DATA_HOME)/applications/$(APP_ID).desktop
	install -Dm644 $(LINUX)/$(APP_ID).metainfo.xml $(XDG_DATA_HOME)/metainfo/$(APP_ID).metainfo.xml
	install -Dm644 resources/icons/afterword.svg $(XDG_DATA_HOME)/icons/hicolor/scalable/apps/$(APP_ID).svg
	for s in $(ICON_SIZES); do \
	    install -Dm644 resources/icons/png/afterword-$$s.png $(XDG_DATA_HOME)/icons/hicolor/$${s}x$${s}/apps/$(APP_ID).png; \
	done
	touch $(XDG_DATA_HOME)/icons/hicolor  # icon themes rescan a folder newer than their cache

uninstall-desktop:
	rm -f $(XDG_DATA_HOME)/applications/$(APP_ID).desktop $(XDG_DATA_HOME)/metainfo/$(APP_ID).metainfo.xml
	rm -f $(XDG_DATA_HOME)/icons/hicolor/scalable/apps/$(APP_ID).svg
	for s in $(ICON_SIZES); do rm -f $(XDG_DATA_HOME)/icons/hicolor/$${s}x$${s}/apps/$(APP_ID).png; done

# -- screenshots for the README and the AppStream metainfo -----------------------
.PHONY: screenshots

# Needs xvfb-run (Debian package xvfb); the pictures land in resources/screenshots/.
# Then every page and dialog at 1280x800 and 1024x640, light and dark, into
# build/screenshots/ to look at (not committed).
screenshots: $(STAMP)  ## re-render every README/AppStream screenshot at 1280x800 on the sample data
	xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb $(BIN)/python packaging/screenshots.py
	$(BIN)/python packaging/screenshots.py --matrix build/screenshots  # a screen of each size
